using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>Checks the draft, takes the truthfulness pledge, and freezes the submission.</summary>
public sealed class SubmitModel(AppDbContext db, EditionLibrary editions, TimeProvider clock) : DraftPage(db, editions, clock)
{
    public const string PledgeText = "本企业郑重承诺：所填报的智能工厂自评估信息及证明材料真实、准确、完整，如有虚假，愿承担相应责任。";

    public List<string> Missing { get; private set; } = [];

    [BindProperty]
    public PledgeRequest Pledge { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NoDraft();
        }
        Missing = Drafts.Missing(Draft, Catalog);
        Pledge.PledgeDate = BeijingTime.Today(Now);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NoDraft();
        }
        Missing = Drafts.Missing(Draft, Catalog);
        ModelState.Clear(); // SubmitAsync checks the pledge itself, the same way for the API
        var problems = await DraftCommands.SubmitAsync(Db, Draft, Editions, Pledge, UserId, Now, "");
        if (problems.Count > 0)
        {
            if (Missing.Count > 0)
            {
                ModelState.AddModelError("", "自评估尚未填写完整，不能提交。");
            }
            foreach (var problem in problems.Except(Missing))
            {
                ModelState.AddModelError("", problem);
            }
            return Page();
        }
        return Redirect($"/Assessments/Result/{Draft.Id}");
    }
}
