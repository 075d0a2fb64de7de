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
        await LoadAsync();
        return InRange ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRateAsync(int no, string? level, bool ai, string? evidence)
    {
        await LoadAsync();
        if (!InRange)
        {
            return NotFound();
        }
        var scenario = Catalog.Find(no);
        if (scenario is null || scenario.Stage != StageName)
        {
            return Refused($"本环节没有编号为 {no} 的场景。");
        }
        if (!Tiers.TryParseRating(level, out var tier))
        {
            return Refused($"请为场景 {no}“{scenario.Name}”选择建设等级或“未建设”。");
        }
        if (tier is { } t && !scenario.IsDefined(t))
        {
            return Refused($"场景“{scenario.Name}”在{t.ChineseName()}没有定义，不能选择该等级。");
        }
        if (tier is null && ai)
        {
            return Refused($"场景“{scenario.Name}”未建设，不能标记为应用人工智能。");
        }
        if (evidence?.Length > 4000)
        {
            return Refused("建设情况说明不超过 4000 个字符。");
        }
        var rating = RatingOf(no);
        if (rating is null)
        {
            rating = new RatingRecord { AssessmentId = Draft.Id, ScenarioNo = no };
            Draft.Ratings.Add(rating);
        }
        rating.Level = tier.Ordinal();
        rating.Ai = ai;
        rating.Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        rating.EvidenceHash = Drafts.EvidenceHash(rating.Evidence);
        rating.UpdatedAt = Now;
        rating.UpdatedBy = UserId;
        Touch();
        await Db.SaveChangesAsync();
        return Saved($"#s-{no}");
    }

    public async Task<IActionResult> OnPostUploadAsync(int no, IFormFile? file)
    {
        await LoadAsync();
        if (!InRange || Catalog.Find(no) is not { } scenario || scenario.Stage != StageName)
        {
            return NotFound();
        }
        if (file is null)
        {
            return Refused("请选择要上传的文件。");
        }
        if (await store.ProblemAsync(file) is { } problem)
        {
            return Refused(problem);
        }
        Draft.Files.Add(await store.SaveAsync(file, Draft.Id, no, EvidencePurposes.Scenario, UserId, Now));
        Db.Record(Now, UserId, EnterpriseId, "evidence.uploaded", $"scenario {no} {file.FileName}");
        Touch();
        await Db.SaveChangesAsync();
        return Saved($"#s-{no}");
    }

    private bool InRange => StageNumber >= 1 && StageNumber <= Catalog.Stages.Count;
}
