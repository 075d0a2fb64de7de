using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Notices;

/// <summary>The <c>Mail</c> settings section: where mail goes out. Without a host (or with Enabled false) only in-app notices are written.</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>The sender, e.g. "江苏省智能工厂自评测 &lt;noreply@gxt.jiangsu.gov.cn&gt;".</summary>
    public string From { get; set; } = "noreply@localhost";
    public bool Enabled { get; set; } = true;

    /// <summary>None, StartTls (refuse a server that does not offer it), StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Tls { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>For a relay that wants a login; none by default.</summary>
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>How often a node looks for mail to send.</summary>
    public int PollSeconds { get; set; } = 10;

    /// <summary>How often a node computes the deadline reminders (each reminder is one keyed row, whoever computes it).</summary>
    public int ReminderMinutes { get; set; } = 10;

    public bool IsOn => Enabled && !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// The outbox (<see cref="OutgoingMail"/>): a node claims due rows with one conditional UPDATE, sends them and marks them
/// sent, so a row goes out from one node only. A failure keeps the row, with the error, for a later attempt.
/// </summary>
public static partial class Outbox
{
    /// <summary>How long a claim holds: longer than any send, short enough that a node that died with a claim is soon replaced.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>After this many failures the row stays in the outbox, with its last error, and is not tried again.</summary>
    public const int MaxAttempts = 8;

    private const int Batch = 20;

    /// <summary>The wait before the next attempt after the n-th failure: 1, 2, 4 … 128 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Pow(2, Math.Clamp(attempts - 1, 0, 7)));

    /// <summary>Sends what is due and this node could claim; the number sent.</summary>
    public static async Task<int> SendDueAsync(AppDbContext db, MailOptions options, string node, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutgoingMails.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var claim = $"{node}:{Guid.NewGuid():N}";
        claim = claim[Math.Max(0, claim.Length - 100)..];
        int claimed;
        // The condition is repeated on the rows themselves (not only in the list read above): a row another node claimed
        // in between no longer matches, on PostgreSQL's re-check of a row it waited for as on SQLite's single writer.
        using (await db.OneWriterAsync(ct))
        {
            claimed = await db.OutgoingMails
                .Where(m => due.Contains(m.Id) && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, now + Lease).SetProperty(m => m.ClaimedBy, claim), ct);
        }
        if (claimed == 0)
        {
            return 0;
        }
        var mails = await db.OutgoingMails.AsNoTracking().Where(m => m.ClaimedBy == claim).OrderBy(m => m.Id).ToListAsync(ct);
        var sent = 0;
        using var smtp = new SmtpClient { Timeout = 30_000 };
        foreach (var mail in mails)
        {
            string? error = null;
            try
            {
                if (!smtp.IsConnected)
                {
                    await smtp.ConnectAsync(options.Host!, options.Port, options.Tls, ct);
                    if (!string.IsNullOrEmpty(options.User))
                    {
                        await smtp.AuthenticateAsync(options.User, options.Password ?? "", ct);
                    }
                }
                await smtp.SendAsync(Message(options, mail), ct);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException
                                          or AuthenticationException or SslHandshakeException or TimeoutException or OperationCanceledException or ParseException)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }
            var at = clock.GetUtcNow().UtcDateTime;
            using (await db.OneWriterAsync(CancellationToken.None))
            {
                if (error is null)
                {
                    sent++;
                    // Once sent, the row keeps no link that still opens something (a reset, a set-up, an invitation):
                    // whoever reads the database or a backup later must not find one there.
                    var kept = SpentLinks().Replace(mail.Body, "token=（已发出，不再保存）");
                    await db.OutgoingMails.Where(m => m.Id == mail.Id && m.ClaimedBy == claim)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, at).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                            .SetProperty(m => m.Body, kept), CancellationToken.None);
                }
                else
                {
                    // The claim is given back, and ClaimedUntil becomes the earliest time of the next attempt.
                    var next = at + Backoff(mail.Attempts + 1);
                    var message = error.Length > 1000 ? error[..1000] : error;
                    await db.OutgoingMails.Where(m => m.Id == mail.Id && m.ClaimedBy == claim)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, message)
                            .SetProperty(m => m.ClaimedUntil, next).SetProperty(m => m.ClaimedBy, (string?)null), CancellationToken.None);
                }
            }
            if (ct.IsCancellationRequested)
            {
                break;
            }
        }
        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(true, CancellationToken.None);
        }
        return sent;
    }

    private static MimeMessage Message(MailOptions options, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.MessageId = $"outbox.{mail.Id}.{mail.CreatedAt.Ticks}@smartfactory"; // the same on every retry
        message.Body = new TextPart("plain") { Text = mail.Body };
        return message;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"token=[0-9A-Za-z_\-]+")]
    private static partial System.Text.RegularExpressions.Regex SpentLinks();
}

/// <summary>
/// Each node, every few seconds, sends the outbox's due mail (when mail is on) and, every few minutes, computes the deadline
/// reminders. Nothing is kept in the process: which reminder exists and which mail is sent lives in the database.
/// </summary>
public sealed class NoticeWorker(IServiceScopeFactory scopes, IOptions<MailOptions> mail, IOptions<NetworkOptions> network, TimeProvider clock, ILogger<NoticeWorker> log) : BackgroundService
{
    private readonly string _node = network.Value.NodeName is { Length: > 0 } name ? name : Environment.MachineName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = mail.Value;
        if (!options.IsOn)
        {
            log.LogInformation("Mail:Host is not set (or Mail:Enabled is false): notices are shown in the app only, no mail is sent.");
        }
        var reminded = DateTime.MinValue;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds)));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var now = clock.GetUtcNow().UtcDateTime;
                if (now - reminded >= TimeSpan.FromMinutes(Math.Max(1, options.ReminderMinutes)))
                {
                    await Reminders.RunAsync(db, clock, stoppingToken);
                    reminded = now;
                }
                if (options.IsOn)
                {
                    db.ChangeTracker.Clear();
                    await Outbox.SendDueAsync(db, options, _node, clock, stoppingToken);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // Another node wrote the same reminder first (its key), or the database is away: next time.
                log.LogDebug(e, "Notices skipped this round.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class NoticeSetup
{
    public static void AddNotices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration("Mail")
            .Validate(o => !o.IsOn || MailboxAddress.TryParse(o.From, out _), "Mail:From must be an e-mail address.")
            .Validate(o => o.Port is > 0 and < 65536, "Mail:Port must be a TCP port.")
            .ValidateOnStart();
        builder.Services.AddHostedService<NoticeWorker>();
    }
}
