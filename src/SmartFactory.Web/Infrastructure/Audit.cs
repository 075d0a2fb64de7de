using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public static class Audit
{
    /// <summary>Adds an audit event to the unit of work; it is saved with the change it records.</summary>
    public static void Record(this AppDbContext db, DateTime at, int? userId, int? enterpriseId, string action, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent { At = at, UserId = userId, EnterpriseId = enterpriseId, Action = action, Detail = detail });

    /// <summary>Records a read (an official opening an enterprise's submission, report or evidence) and saves it at once.</summary>
    public static async Task RecordViewAsync(this AppDbContext db, DateTime at, int? userId, int? enterpriseId, string action, string? detail = null)
    {
        db.Record(at, userId, enterpriseId, action, detail);
        await db.SaveChangesAsync();
    }

    /// <summary>The audit log's settings (section <c>Audit</c>).</summary>
    public sealed class Options
    {
        /// <summary>
        /// Base64 of at least 32 random bytes, the same on every node and kept outside the database: each row's MAC is
        /// keyed with it, so someone who can write to the database but has not got it cannot forge rows. Without it the
        /// chain still shows accidental and naive changes, and the app says so at start and in <c>audit verify</c>.
        /// </summary>
        public string? Key { get; set; }

        /// <summary>Days a row is kept; 等保 第三级 asks for at least six months, and the database refuses to delete younger rows.</summary>
        public int RetentionDays { get; set; } = AuditChain.MinimumRetentionDays;

        public byte[] KeyBytes() => string.IsNullOrEmpty(Key) ? [] : Convert.FromBase64String(Key);
    }

    public static void AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<Options>().Bind(builder.Configuration.GetSection("Audit"))
            .Validate(o => o.RetentionDays >= AuditChain.MinimumRetentionDays, $"Audit:RetentionDays 不能少于 {AuditChain.MinimumRetentionDays} 天。")
            .Validate(o => string.IsNullOrEmpty(o.Key) || Convert.TryFromBase64String(o.Key, new byte[o.Key.Length], out var n) && n >= 32, "Audit:Key 应为至少 32 字节随机数的 Base64。")
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditStamp>();
    }

    public static void AddAuditSealer(this WebApplicationBuilder builder) => builder.Services.AddHostedService<AuditSealer>();
}

/// <summary>
/// Gives every audit row added in a unit of work the client's address, a time the database keeps exactly (whole
/// microseconds, as PostgreSQL stores it) and its MAC, just before it is written.
/// </summary>
public sealed class AuditStamp(IHttpContextAccessor http, IOptions<Audit.Options> options) : SaveChangesInterceptor
{
    private readonly byte[] _key = options.Value.KeyBytes();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        foreach (var entry in db.ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }
            var e = entry.Entity;
            e.At = new DateTime(e.At.Ticks - e.At.Ticks % 10, DateTimeKind.Utc);
            e.Address ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            e.Mac = AuditChain.Mac(_key, e);
        }
    }
}

/// <summary>
/// The audit log's chain (decision 023). A row gets its MAC when written; the sealer then gives rows, in the order they
/// were written, consecutive places and a hash over the previous hash, the place and the MAC. <see cref="VerifyAsync"/>
/// walks the chain and names the first row that was altered (its MAC no longer fits), inserted (its MAC was not the
/// app's, or the chain fits without it) or removed (a place is missing).
/// </summary>
public static class AuditChain
{
    public const int MinimumRetentionDays = 180;
    public const string PrunedAction = "audit.pruned";

    /// <summary>The MAC the migration gave the rows written before the chain existed; accepted only before the first real one.</summary>
    public const string Legacy = "legacy";
    private const int Batch = 1000;

    public static string Mac(byte[] key, AuditEvent e)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(new object?[] { e.At.Ticks, e.UserId, e.EnterpriseId, e.Action, e.Detail, e.Address });
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, content));
    }

    public static string Link(string? previous, long seq, string? mac) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{previous}|{seq}|{mac}")));

    /// <summary>Chains the rows written since the last call, oldest first; returns how many. Safe on two nodes at once.</summary>
    public static async Task<int> SealAsync(AppDbContext db, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20261223)", ct);
        }
        var open = await db.AuditEvents.Where(e => e.Seq == null).OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
        if (open.Count == 0)
        {
            return 0;
        }
        var head = await db.AuditEvents.Where(e => e.Seq != null).OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var (seq, hash) = (head?.Seq ?? 0, head?.Hash);
        foreach (var e in open)
        {
            e.Seq = ++seq;
            e.Hash = hash = Link(hash, seq, e.Mac);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return open.Count;
    }

    /// <summary>What <see cref="VerifyAsync"/> found: the first broken place, if any.</summary>
    public sealed record Verdict(long Checked, int Unsealed, string? Problem, long? Seq, long? Id)
    {
        public bool Intact => Problem is null;

        /// <summary>What the command line and the audit page say.</summary>
        public string Describe() => Problem switch
        {
            null => $"哈希链完好：{Checked} 条记录无误（另有 {Unsealed} 条刚写入、尚未入链）。",
            "removed" => $"审计日志被删改：第 {Seq} 条记录缺失（此前 {Checked} 条无误）。",
            "inserted" => $"审计日志被删改：第 {Seq} 条（Id {Id}）是插入的记录（此前 {Checked} 条无误）。",
            _ => $"审计日志被删改：第 {Seq} 条（Id {Id}）的内容与写入时不符（此前 {Checked} 条无误）。",
        };
    }

    /// <summary>
    /// Walks the chain from its oldest place. Problems: "removed" (a place is missing: Seq is the first missing one),
    /// "inserted" (the chain fits without the row), "altered" (the row's content no longer fits the MAC it was written
    /// with — changed since, or not written by the app — or its hash was rewritten).
    /// </summary>
    public static async Task<Verdict> VerifyAsync(AppDbContext db, byte[] key, CancellationToken ct = default)
    {
        var unsealed = await db.AuditEvents.CountAsync(e => e.Seq == null, ct);
        var pruned = await PrunedThroughAsync(db, ct);
        long expected = (pruned?.Seq ?? 0) + 1, good = 0;
        var previous = pruned?.Hash;
        AuditEvent? suspect = null; // a row that does not fit: inserted if the next row follows without it, else altered
        var macs = false;
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.Seq != null).OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (suspect is not null)
            {
                var skipped = Link(previous, suspect.Seq!.Value, e.Mac) == e.Hash || Link(previous, e.Seq!.Value, e.Mac) == e.Hash;
                return new(good, unsealed, skipped ? "inserted" : "altered", suspect.Seq, suspect.Id);
            }
            if (e.Seq != expected)
            {
                return new(good, unsealed, "removed", expected, null);
            }
            macs |= e.Mac != Legacy;
            if (Link(previous, expected, e.Mac) != e.Hash || (e.Mac == Legacy ? macs : Mac(key, e) != e.Mac))
            {
                suspect = e;
                continue;
            }
            previous = e.Hash;
            expected++;
            good++;
        }
        return suspect is null ? new(good, unsealed, null, null, null) : new(good, unsealed, "altered", suspect.Seq, suspect.Id);
    }

    /// <summary>
    /// Deletes the sealed rows older than the retention period, oldest first, and records what it removed (the last
    /// place and its hash) so that <see cref="VerifyAsync"/> starts the chain there. Returns the rows deleted.
    /// </summary>
    public static async Task<int> PruneAsync(AppDbContext db, DateTime now, int retentionDays, CancellationToken ct = default)
    {
        var cutoff = now.AddDays(-Math.Max(retentionDays, MinimumRetentionDays));
        // The last place of the unbroken run of old rows from the start: pruning never leaves a hole in the middle.
        // Earlier prune records go too: the new one carries the place the chain now starts from.
        var firstYoung = await db.AuditEvents.Where(e => e.Seq != null && e.At >= cutoff).MinAsync(e => e.Seq, ct);
        var last = await db.AuditEvents.Where(e => e.Seq != null && e.At < cutoff && (firstYoung == null || e.Seq < firstYoung))
            .OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.AuditEvents.Where(e => e.Seq <= last.Seq).ExecuteDeleteAsync(ct);
        db.Record(now, null, null, PrunedAction, $"{last.Seq} {last.Hash} {deleted}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted;
    }

    private static async Task<(long Seq, string Hash)?> PrunedThroughAsync(AppDbContext db, CancellationToken ct)
    {
        var details = await db.AuditEvents.AsNoTracking().Where(e => e.Action == PrunedAction).OrderByDescending(e => e.Id).Select(e => e.Detail).Take(1).ToListAsync(ct);
        return details is [{ } detail] && detail.Split(' ') is [var seq, var hash, ..] && long.TryParse(seq, out var s) ? (s, hash) : null;
    }
}

/// <summary>Seals new audit rows about once a second and prunes old ones once an hour, on whichever nodes run it.</summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, IOptions<Audit.Options> options, TimeProvider clock, ILogger<AuditSealer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.Key))
        {
            log.LogWarning("Audit:Key is not set: the audit chain shows changes to the log but cannot stop someone with write access to the database from forging rows.");
        }
        var pruned = DateTime.MinValue;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                while (await AuditChain.SealAsync(db, stoppingToken) > 0)
                {
                    db.ChangeTracker.Clear();
                }
                var now = clock.GetUtcNow().UtcDateTime;
                if (now - pruned > TimeSpan.FromHours(1))
                {
                    pruned = now;
                    await AuditChain.PruneAsync(db, now, options.Value.RetentionDays, stoppingToken);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // Another node sealed the same rows first (the unique place), or the database is away: next second.
                log.LogDebug(e, "Audit sealing skipped this second.");
            }
        }
    }
}
