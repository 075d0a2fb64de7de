using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// The draft's overview: DT score, CMMM, basic requirements, and the progress of each stage; once submitted, what was
/// submitted and when, until the user starts the next round.
/// </summary>
public sealed class IndexModel(AppDbContext db, EditionLibrary editions, TimeProvider clock, EvidenceStore store) : DraftPage(db, editions, clock)
{
    [BindProperty]
    public BasicsRequest Input { get; set; } = new();

    /// <summary>The latest submission, shown instead of a draft while the enterprise has not started the next round.</summary>
    public Submitted? LastSubmission { get; private set; }

    public sealed record Submitted(int Id, int Year, DateTime SubmittedAt, int? ReferenceLevel);

    /// <summary>The list of the draft's rule set: the form offers exactly what grading will require.</summary>
    public RuleSet RuleSet => Drafts.RuleSetOf(Draft, Editions);

    public BasicRequirementList BasicRequirements => RuleSet.BasicRequirements;

    public async Task OnGetAsync()
    {
        if (!await LoadAsync())
        {
            LastSubmission = await Db.Assessments.AsNoTracking().Latest().Where(a => a.EnterpriseId == EnterpriseId)
                .Select(a => new Submitted(a.Id, a.Year, a.SubmittedAt!.Value, a.ReferenceLevel)).FirstAsync();
            return;
        }
        ShowSaved();
    }

    /// <summary>Whenever the page is shown (also again after a refusal), with where its issued values came from.</summary>
    [Microsoft.AspNetCore.Mvc.RazorPages.NonHandler]
    public override Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Result is Microsoft.AspNetCore.Mvc.RazorPages.PageResult && Draft is not null)
            {
                await LoadIssuedAsync();
            }
            return executed;
        });

    /// <summary>The issued results the draft's values were taken from, by kind, each with the one it replaced (decision 038).</summary>
    public Dictionary<IssuedKind, (IssuedResult Current, IssuedResult? Before)> Issued { get; private set; } = [];

    /// <summary>In one query: the results the draft names, with the earlier results of the same code and kind.</summary>
    private async Task LoadIssuedAsync()
    {
        var ids = new[] { Draft.DtIssuedId, Draft.CmmmIssuedId, Draft.AiIssuedId }.OfType<int>().ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var history = await Db.IssuedResults.AsNoTracking()
            .Where(r => Db.IssuedResults.Any(named => ids.Contains(named.Id) && named.CreditCode == r.CreditCode && named.Kind == r.Kind && r.Id <= named.Id))
            .OrderByDescending(r => r.Id).ToListAsync();
        foreach (var current in history.Where(r => ids.Contains(r.Id)))
        {
            Issued[current.Kind] = (current, history.FirstOrDefault(r => r.Kind == current.Kind && r.Id < current.Id));
        }
    }

    protected override void ShowSaved() =>
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

    /// <summary>
    /// Saves the one field the autosave names (<c>field=Input.CmmmScore</c>): a refused field keeps its saved value and
    /// holds back no other. Without <c>field</c> (the form's own button, without script) the form is one save, all or
    /// nothing, shown again with every value and each message beside its field.
    /// </summary>
    public async Task<IActionResult> OnPostBasicsAsync(string? field)
    {
        if (!await LoadAsync())
        {
            return NoDraft();
        }
        if (field is null)
        {
            return await SaveFormAsync();
        }
        var prefix = $"{nameof(Input)}.";
        var name = field.StartsWith(prefix, StringComparison.Ordinal) ? field[prefix.Length..] : "";
        if (!DraftCommands.BasicsFields.Contains(name))
        {
            return Refused("未知的字段。");
        }
        // A value that did not even bind (not a number, not a date) is refused as the rules refuse one.
        if (ModelState[field]?.Errors is { Count: > 0 } unbound)
        {
            return Refused([.. unbound.Select(e => new Problem(name, e.ErrorMessage))], nameof(Input));
        }
        if (DraftCommands.SaveBasicsField(Draft, Input, name, BasicRequirements, UserId, Now) is { Count: > 0 } problems)
        {
            return Refused(problems, nameof(Input));
        }
        await Db.SaveChangesAsync();
        return Saved();
    }

    private async Task<IActionResult> SaveFormAsync()
    {
        if (!ModelState.IsValid)
        {
            // The page shows each binding error beside its field already; a JSON caller gets them as one message.
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
        if (!await LoadAsync())
        {
            return NoDraft();
        }
        RuleSetNotice.Acknowledge(Draft, Editions);
        await Db.SaveChangesAsync();
        return Redirect("/Assessments");
    }

    public async Task<IActionResult> OnPostUploadAsync(string purpose, IFormFile? file)
    {
        if (!await LoadAsync())
        {
            return NoDraft();
        }
        return purpose is EvidencePurposes.DtScore or EvidencePurposes.Cmmm
            ? await UploadAsync(store, file, null, purpose, $"#files-{purpose}")
            : Refused("未知的材料类型。");
    }

    public async Task<IActionResult> OnPostDeleteFileAsync(int id) => await LoadAsync() ? await DeleteFileAsync(id, "#uploads") : NoDraft();
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
