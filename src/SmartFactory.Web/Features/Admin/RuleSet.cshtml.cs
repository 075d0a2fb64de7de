using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Admin;

/// <summary>One rule-set version: what it changes against the version in force, its simulations, publication and withdrawal.</summary>
public sealed class RuleSetModel(AppDbContext db, EditionStore store, Regions regions, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    public RuleSetStanding? Entry { get; private set; }
    public RuleSetStanding? InForce { get; private set; }
    public IReadOnlyList<RuleSetChange> Changes { get; private set; } = [];
    public List<SimulationRun> Simulations { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public Regions Regions => regions;
    public int Round => BeijingTime.Of(clock.GetUtcNow().UtcDateTime).Year;
    public int UsedBy { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var library = store.Current;
        if (library.Entry(Key) is not { } entry)
        {
            return NotFound();
        }
        Entry = entry;
        InForce = library.Baseline(entry);
        Changes = LibraryCommands.Changes(library, entry);
        Simulations = await db.Simulations.AsNoTracking().Where(s => s.RuleSetKey == Key).OrderByDescending(s => s.Id).Take(10).ToListAsync();
        var (id, version) = (entry.RuleSet.Id, entry.RuleSet.Version);
        UsedBy = await db.Assessments.CountAsync(a => a.Status == AssessmentStatus.Submitted && a.RuleSetId == id && a.RuleSetVersion == version);
        return Page();
    }

    public IActionResult OnGetJson() => store.Current.Entry(Key) is { } entry
        ? File(System.Text.Encoding.UTF8.GetBytes(entry.Json), "application/json", $"{entry.RuleSet.Id}-{entry.RuleSet.Version}.json")
        : NotFound();

    public Task<IActionResult> OnPostPublishAsync(int appliesFrom) =>
        Act(() => LibraryCommands.PublishAsync(db, store, Key, appliesFrom, User.UserId(), Now), "published");

    public Task<IActionResult> OnPostWithdrawAsync() =>
        Act(() => LibraryCommands.WithdrawAsync(db, store, Key, User.UserId(), Now), "withdrawn");

    public async Task<IActionResult> OnPostDiscardAsync()
    {
        var done = await LibraryCommands.DiscardAsync(db, store, Key, User.UserId(), Now);
        return done.IsValid ? Redirect("/Admin?discarded=" + Uri.EscapeDataString(Key)) : await Refused(done.Problems);
    }

    public async Task<IActionResult> OnPostSimulateAsync(string? division)
    {
        var started = await SimulationRunner.StartAsync(HttpContext.RequestServices, Key, division, User.UserId()!.Value, Now);
        return started.IsValid ? Redirect($"/Admin/Simulation?id={started.Value!.Id}") : await Refused(started.Problems);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IActionResult> Act(Func<Task<Checked<LibraryEntry>>> command, string done)
    {
        var result = await command();
        return result.IsValid ? Redirect($"/Admin/RuleSet?key={Uri.EscapeDataString(Key)}&done={done}") : await Refused(result.Problems);
    }

    private async Task<IActionResult> Refused(IReadOnlyList<Problem> problems)
    {
        var page = await OnGetAsync();
        Problems = problems;
        return page;
    }
}
