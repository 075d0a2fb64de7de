using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Providers;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Providers;

/// <summary>
/// The provider's own entry in the 服务商资源池: scenarios and the highest tier delivered, cities served, up to three short
/// cases. Checked by <see cref="ProviderProfiles.Check"/>; each problem shown beside its field, nothing saved until all pass.
/// </summary>
public sealed class ProfileModel(AppDbContext db, EditionLibrary editions, Regions regions, TimeProvider clock) : PageModel
{
    public sealed class CaseInput
    {
        public string? Title { get; set; }
        public string? EnterpriseType { get; set; }
        public string? Text { get; set; }
    }

    [BindProperty] public string? Introduction { get; set; }
    [BindProperty] public string? Contact { get; set; }

    // Nullable, so that a form without any of them is this page's refusal in Chinese, not the framework's implicit "required";
    // named, so that without any "Offers[n]" the binder does not fall back to reading every field of the form as an offer.

    /// <summary>Scenario number → the highest tier delivered (a tier code), or empty for none.</summary>
    [BindProperty(Name = nameof(Offers))] public Dictionary<int, string?>? Offers { get; set; }
    [BindProperty(Name = nameof(Cities))] public List<string>? Cities { get; set; }
    [BindProperty(Name = nameof(Cases))] public List<CaseInput>? Cases { get; set; }

    public Catalog Catalog => editions.Current;
    public Regions Regions => regions;
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        Saved = saved;
        if (await PoolProfiles.LoadAsync(db, User.UserId()!.Value) is { } stored)
        {
            var p = stored.Profile;
            (Introduction, Contact, Cities) = (p.Introduction, p.Contact, [.. p.Cities]);
            // Numbers of another edition are not offered again under this one's names (decision 032).
            Offers = stored.Edition == Catalog.Edition ? p.Offers.ToDictionary(o => o.Key, o => (string?)o.Value.Code()) : [];
            Cases = [.. p.Cases.Select(c => new CaseInput { Title = c.Title, EnterpriseType = c.EnterpriseType, Text = c.Text })];
        }
        PadCases();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            // A value that did not bind (a letter for a scenario number): said once, at the top, and nothing saved.
            ModelState.AddModelError("", "提交的内容无法识别，请刷新页面后重新填写。");
            PadCases();
            return Page();
        }
        var draft = new ProviderProfileDraft(Introduction, Contact, Offers ?? [], Cities ?? [],
            [.. (Cases ?? []).Select(c => new ProviderCase(c.Title ?? "", c.EnterpriseType ?? "", c.Text ?? ""))]);
        var checkedProfile = ProviderProfiles.Check(draft, Catalog, [.. regions.Cities.Select(c => c.Code)]);
        if (!checkedProfile.IsValid)
        {
            foreach (var problem in checkedProfile.Problems)
            {
                ModelState.AddModelError(problem.Place, problem.Message);
            }
            PadCases();
            return Page();
        }
        await PoolProfiles.SaveAsync(db, User.UserId()!.Value, Catalog.Edition, checkedProfile.Value!, clock.GetUtcNow().UtcDateTime);
        return Redirect("/Providers/Profile?saved=true");
    }

    /// <summary>The form always shows the allowed number of case slots; an empty slot is no case.</summary>
    private void PadCases()
    {
        Cases ??= [];
        while (Cases.Count < ProviderProfiles.CasesMax)
        {
            Cases.Add(new CaseInput());
        }
    }

    public string? ErrorFor(string place) => ModelState.TryGetValue(place, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
