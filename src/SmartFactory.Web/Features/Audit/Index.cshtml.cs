using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Audit;

/// <summary>The audit administrator's log: filters, pages of 100 newest first, the Excel export of the same filter, and the chain check.</summary>
public sealed class IndexModel(AppDbContext db, IOptions<Infrastructure.Audit.Options> options, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;
    public const int MaxExport = 100_000;

    public sealed class AuditFilter
    {
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }

        /// <summary>Part of the login of the user who acted.</summary>
        public string? Who { get; set; }

        /// <summary>The start of the action ("user.", "library.published").</summary>
        public string? Action { get; set; }
        public string? Address { get; set; }

        /// <summary>Rows older than this id: the next page.</summary>
        public long? Before { get; set; }
    }

    public sealed record Line(long Id, long? Seq, DateTime At, string? Login, string? Name, string? Enterprise, string Action, string? Detail, string? Address);

    [BindProperty(SupportsGet = true, Name = "Filter")]
    public AuditFilter Filter { get; set; } = new();

    public List<Line> Rows { get; private set; } = [];
    public bool More { get; private set; }
    public AuditChain.Verdict? Verdict { get; private set; }

    public async Task OnGetAsync()
    {
        var page = await Query().Take(PageSize + 1).ToListAsync();
        More = page.Count > PageSize;
        Rows = page.Take(PageSize).ToList();
    }

    /// <summary>POST ?handler=Verify: the same check as <c>audit verify</c>, shown on the page and itself recorded.</summary>
    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Verdict = await AuditChain.VerifyAsync(db, options.Value.KeyBytes());
        await db.RecordViewAsync(clock.GetUtcNow().UtcDateTime, User.UserId(), null, "audit.verified", Verdict.Problem ?? "intact");
        await OnGetAsync();
        return Page();
    }

    /// <summary>GET ?handler=Export: the filtered rows, newest first, at most <see cref="MaxExport"/>, as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var sheet = new List<Dictionary<string, object?>>();
        await foreach (var r in Query().Take(MaxExport).AsAsyncEnumerable())
        {
            sheet.Add(new()
            {
                ["序号"] = r.Seq,
                ["时间"] = BeijingTime.Of(r.At),
                ["账号"] = r.Login,
                ["姓名"] = r.Name,
                ["企业"] = r.Enterprise,
                ["操作"] = r.Action,
                ["内容"] = r.Detail,
                ["地址"] = r.Address,
            });
        }
        await db.RecordViewAsync(clock.GetUtcNow().UtcDateTime, User.UserId(), null, "audit.exported", $"{sheet.Count} rows");
        return File(Reports.Spreadsheet.Write(Reports.Table.Of("审计日志", sheet)), Reports.Spreadsheet.ContentType, Reports.DownloadName.Of($"审计日志-{BeijingTime.Of(clock.GetUtcNow().UtcDateTime):yyyyMMdd-HHmm}", ".xlsx"));
    }

    private IQueryable<Line> Query()
    {
        var rows = db.AuditEvents.AsNoTracking();
        var f = Filter;
        // The first and last days of the calendar have no UTC instant before or after them: no bound at all is the same filter.
        if (f.From is { } from && from > DateOnly.MinValue)
        {
            var start = BeijingTime.StartOfDayUtc(from);
            rows = rows.Where(e => e.At >= start);
        }
        if (f.To is { } to && to < DateOnly.MaxValue)
        {
            var end = BeijingTime.StartOfDayUtc(to.AddDays(1));
            rows = rows.Where(e => e.At < end);
        }
        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            var action = f.Action.Trim();
            rows = rows.Where(e => e.Action.StartsWith(action));
        }
        if (!string.IsNullOrWhiteSpace(f.Address))
        {
            var address = f.Address.Trim();
            rows = rows.Where(e => e.Address == address);
        }
        if (!string.IsNullOrWhiteSpace(f.Who))
        {
            var who = f.Who.Trim().ToLowerInvariant();
            rows = rows.Where(e => db.Users.Any(u => u.Id == e.UserId && u.Login.Contains(who)));
        }
        if (f.Before is { } before)
        {
            rows = rows.Where(e => e.Id < before);
        }
        // One lookup of the user and of the enterprise per row.
        return from e in rows
               join u in db.Users on e.UserId equals (int?)u.Id into users
               from u in users.DefaultIfEmpty()
               join x in db.Enterprises on e.EnterpriseId equals (int?)x.Id into enterprises
               from x in enterprises.DefaultIfEmpty()
               orderby e.Id descending
               select new Line(e.Id, e.Seq, e.At, u == null ? null : u.Login, u == null ? null : u.DisplayName, x == null ? null : x.Name, e.Action, e.Detail, e.Address);
    }

    public string NextPage() => $"/Audit?{string.Join("&", new[]
    {
        ("Filter.From", Filter.From?.ToString("yyyy-MM-dd")), ("Filter.To", Filter.To?.ToString("yyyy-MM-dd")), ("Filter.Who", Filter.Who),
        ("Filter.Action", Filter.Action), ("Filter.Address", Filter.Address), ("Filter.Before", Rows.LastOrDefault()?.Id.ToString()),
    }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"))}";
}
