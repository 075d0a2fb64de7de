using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>Checks the draft, takes the truthfulness pledge, and freezes the submission.</summary>
public sealed class SubmitModel(AppDbContext db, EditionLibrary editions, TimeProvider clock) : DraftPage(db, editions, clock)
{
    public const string PledgeText = "本企业郑重承诺：所填报的智能工厂自评估信息及证明材料真实、准确、完整，如有虚假，愿承担相应责任。";

    public List<string> Missing { get; private set; } = [];

    [BindProperty, Display(Name = "承诺人"), Required(ErrorMessage = "请填写承诺人姓名。"), StringLength(50)]
    public string Signatory { get; set; } = "";

    [BindProperty, Display(Name = "职务"), Required(ErrorMessage = "请填写承诺人职务。"), StringLength(50)]
    public string Position { get; set; } = "";

    [BindProperty, Display(Name = "承诺日期"), Required(ErrorMessage = "请填写承诺日期。")]
    public DateOnly? PledgeDate { get; set; }

    [BindProperty, Display(Name = "我已阅读并同意真实性承诺")]
    public bool Agree { get; set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Missing = Drafts.Missing(Draft, Catalog);
        PledgeDate = DateOnly.FromDateTime(Now.AddHours(8));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        Missing = Drafts.Missing(Draft, Catalog);
        if (Missing.Count > 0)
        {
            ModelState.AddModelError("", "自评估尚未填写完整，不能提交。");
        }
        if (!Agree)
        {
            ModelState.AddModelError(nameof(Agree), "请勾选同意真实性承诺。");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Draft.PledgeSignatory = Signatory.Trim();
        Draft.PledgePosition = Position.Trim();
        Draft.PledgeDate = PledgeDate;
        await Drafts.ClearLatestAsync(Db, EnterpriseId);
        Drafts.Freeze(Draft, Editions, UserId, Now);
        Db.Record(Now, UserId, EnterpriseId, "assessment.submitted", $"{Draft.Id} level {Draft.ReferenceLevel}");
        await Db.SaveChangesAsync();
        return Redirect($"/Assessments/Result/{Draft.Id}");
    }
}
