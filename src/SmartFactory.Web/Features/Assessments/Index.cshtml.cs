using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>The draft's overview: DT score, CMMM, basic requirements, and the progress of each stage.</summary>
public sealed class IndexModel(AppDbContext db, EditionLibrary editions, TimeProvider clock, EvidenceStore store) : DraftPage(db, editions, clock)
{
    [BindProperty]
    public BasicsRequest Input { get; set; } = new();

    /// <summary>The list of the draft's rule set: the form offers exactly what grading will require.</summary>
    public RuleSet RuleSet => Drafts.RuleSetOf(Draft, Editions);

    public BasicRequirementList BasicRequirements => RuleSet.BasicRequirements;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input = new BasicsRequest
        {
            DtScore = Draft.DtScore,
            DtDate = Draft.DtDate,
            CmmmLevel = Draft.CmmmLevel,
            CmmmScore = Draft.CmmmScore,
            CmmmDate = Draft.CmmmDate,
            CmmmSource = Draft.CmmmSource,
            Attested = Draft.AttestedKeys.ToList(),
            BasicEvidence = Draft.BasicEvidence,
        };
    }

    public async Task<IActionResult> OnPostBasicsAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            // The page shows each binding error beside its field already; the autosave script needs them as one message.
            return WantsJson ? Refused(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))) : Page();
        }
        if (DraftCommands.SaveBasics(Draft, Input, BasicRequirements, UserId, Now) is { Count: > 0 } problems)
        {
            return Refused(problems, nameof(Input));
        }
        await Db.SaveChangesAsync();
        return Saved();
    }

    /// <summary>The enterprise has read what the new rule set changed for it.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync()
    {
        await LoadAsync();
        RuleSetNotice.Acknowledge(Draft, Editions);
        await Db.SaveChangesAsync();
        return Redirect("/Assessments");
    }

    public async Task<IActionResult> OnPostUploadAsync(string purpose, IFormFile? file)
    {
        await LoadAsync();
        if (purpose is not (EvidencePurposes.DtScore or EvidencePurposes.Cmmm))
        {
            return Refused("未知的材料类型。");
        }
        if (file is null)
        {
            return Refused("请选择要上传的文件。");
        }
        if (await store.ProblemAsync(file) is { } problem)
        {
            return Refused(problem);
        }
        Draft.Files.Add(await store.ReadAsync(file, Draft.Id, null, purpose, UserId, Now));
        Db.Record(Now, UserId, EnterpriseId, "evidence.uploaded", $"{purpose} {file.FileName}");
        Touch();
        await Db.SaveChangesAsync();
        return Saved();
    }
}

public sealed class BasicsRequest
{
    // The ranges, dates and lengths are checked by AssessmentRules in DraftCommands.SaveBasics, for the page and the API alike.
    [Display(Name = "数字化转型评估得分")]
    public decimal? DtScore { get; set; }

    [Display(Name = "评估日期")]
    public DateOnly? DtDate { get; set; }

    [Display(Name = "智能制造能力成熟度等级")]
    public int? CmmmLevel { get; set; }

    [Display(Name = "成熟度得分（可选）")]
    public decimal? CmmmScore { get; set; }

    [Display(Name = "诊断日期（可选）")]
    public DateOnly? CmmmDate { get; set; }

    [Display(Name = "诊断来源（可选）"), StringLength(200, ErrorMessage = "诊断来源不超过 200 个字符。")]
    public string? CmmmSource { get; set; }

    public List<string> Attested { get; set; } = [];

    [Display(Name = "基本要求说明（可选）")]
    public string? BasicEvidence { get; set; }
}
