using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Admin;

/// <summary>The rule library: what is in force, what waits, what was withdrawn; loading a new version or edition.</summary>
public sealed class IndexModel(AppDbContext db, EditionStore store, TimeProvider clock, IOptions<UploadOptions> limits) : PageModel
{
    public EditionLibrary Library => store.Current;
    public int Round => BeijingTime.Of(clock.GetUtcNow().UtcDateTime).Year;
    public Dictionary<string, LibraryEntry> Stored { get; private set; } = [];
    public List<AuditLine> Recent { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    public sealed record AuditLine(DateTime At, string? Who, string Action, string? Detail);

    public async Task OnGetAsync()
    {
        Stored = await db.Library.AsNoTracking().ToDictionaryAsync(e => e.Key);
        Recent = await db.AuditEvents.AsNoTracking().Where(e => e.Action.StartsWith("library.") || e.Action.StartsWith("simulation."))
            .OrderByDescending(e => e.Id).Take(20)
            .Select(e => new AuditLine(e.At, db.Users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName).FirstOrDefault(), e.Action, e.Detail))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        var read = await LibraryUpload.ReadAsync(file, Library, limits.Value);
        if (read.IsValid)
        {
            var loaded = await LibraryCommands.LoadAsync(db, store, file!.FileName, read.Value!, User.UserId(), clock.GetUtcNow().UtcDateTime);
            if (loaded.IsValid)
            {
                return Redirect(loaded.Value!.Kind == LibraryKind.RuleSet ? $"/Admin/RuleSet?key={Uri.EscapeDataString(loaded.Value.Key)}&loaded=1" : "/Admin?loaded=" + Uri.EscapeDataString(loaded.Value.Key));
            }
            read = Checked<string>.Invalid(loaded.Problems);
        }
        Problems = read.Problems;
        await OnGetAsync();
        return Page();
    }

    /// <summary>The workbook of the version in force, to fill in the numbers of the next one.</summary>
    public IActionResult OnGetWorkbook()
    {
        var inForce = Library.Entry(Library.CurrentRuleSet);
        return File(RuleSetWorkbook.Template(inForce.Json), Reports.Spreadsheet.ContentType, Reports.DownloadName.Of($"规则数值-{inForce.RuleSet.Id}-{inForce.RuleSet.Version}", ".xlsx"));
    }

    public string StateOf(RuleSetStanding e) => LibraryCommands.StateName(e.State) + (e.AppliesFrom is { } y ? $"（{y} 年起）" : e.State == Publication.Published ? "（数据文件）" : "");
}
