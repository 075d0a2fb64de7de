using Microsoft.AspNetCore.Mvc;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>Rating the scenarios of one stage: every change to one scenario is saved on its own.</summary>
public sealed class StageModel(AppDbContext db, EditionLibrary editions, TimeProvider clock, EvidenceStore store) : DraftPage(db, editions, clock)
{
    [BindProperty(SupportsGet = true, Name = "stage")]
    public int StageNumber { get; set; }

    public string StageName => Catalog.Stages[StageNumber - 1];

    public IEnumerable<Scenario> Scenarios => Catalog.InStage(StageName);

    public RatingRecord? RatingOf(int no) => Draft.Ratings.FirstOrDefault(r => r.ScenarioNo == no);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NoDraft();
        }
        return InRange ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRateAsync(int no, string? level, bool ai, string? evidence)
    {
        // The autosave's answer needs only the ratings (for the new grade); without script a refusal shows the whole page.
        if (!await (WantsJson ? LoadForRatingAsync() : LoadAsync()))
        {
            return NoDraft();
        }
        if (!InRange)
        {
            return NotFound();
        }
        if (Catalog.Find(no) is not { } scenario || scenario.Stage != StageName)
        {
            return Refused($"本环节没有编号为 {no} 的场景。");
        }
        if (DraftCommands.Rate(Draft, Catalog, no, level, ai, evidence, UserId, Now) is { } problem)
        {
            return Refused(problem);
        }
        return await RatingWrites.SaveAsync(Db, Draft, no) ? Saved($"#s-{no}") : Refused(RatingWrites.NoLongerOpen);
    }

    public async Task<IActionResult> OnPostUploadAsync(int no, IFormFile? file)
    {
        if (!await LoadAsync())
        {
            return NoDraft();
        }
        if (!InRange || Catalog.Find(no) is not { } scenario || scenario.Stage != StageName)
        {
            return NotFound();
        }
        return await UploadAsync(store, file, no, EvidencePurposes.Scenario, $"#s-{no}");
    }

    public async Task<IActionResult> OnPostDeleteFileAsync(int id)
    {
        if (!await LoadAsync())
        {
            return NoDraft();
        }
        if (!InRange)
        {
            return NotFound();
        }
        var no = Draft.Files.FirstOrDefault(f => f.Id == id)?.ScenarioNo;
        return await DeleteFileAsync(id, no is null ? "" : $"#s-{no}");
    }

    private bool InRange => StageNumber >= 1 && StageNumber <= Catalog.Stages.Count;
}
