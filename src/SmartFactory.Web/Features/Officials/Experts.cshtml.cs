using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Features.Experts;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>专家库: the province creates expert accounts (by invitation, like officials) and sees the pool by city and industry.</summary>
public sealed class ExpertsModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public List<PoolExpert> Pool { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? City { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Industry { get; set; }

    [BindProperty, Display(Name = "姓名"), Required(ErrorMessage = "请填写姓名。"), StringLength(50, ErrorMessage = "姓名不能超过 50 字。")]
    public string DisplayName { get; set; } = "";

    [BindProperty, Display(Name = "登录账号（邮箱或手机号）"), Required(ErrorMessage = "请填写登录账号。"), RegularExpression(Logins.Pattern, ErrorMessage = Logins.Rule)]
    public string Login { get; set; } = "";

    [BindProperty, Display(Name = "所在设区市"), Required(ErrorMessage = "请选择专家所在的设区市。")]
    public string CityCode { get; set; } = "";

    [BindProperty, Display(Name = "熟悉的行业（可多选）")]
    public List<string> Industries { get; set; } = [];

    [BindProperty, Display(Name = "工作单位"), StringLength(200, ErrorMessage = "工作单位不能超过 200 字。")]
    public string? Unit { get; set; }

    public string? InvitationLink { get; private set; }

    public string IndustryNames(IEnumerable<string> codes) => string.Join("、", codes.Select(c => Regions.Industry(c)?.Name ?? c));

    public async Task OnGetAsync() => Pool = await SiteChecks.PoolAsync(Db, City, Industry);

    public async Task<IActionResult> OnPostAsync()
    {
        Login = Logins.Normalize(Login);
        Industries = Industries.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct().ToList();
        if (!string.IsNullOrEmpty(CityCode) && Regions.Cities.All(c => c.Code != CityCode))
        {
            ModelState.AddModelError(nameof(CityCode), "请选择江苏省的设区市。");
        }
        if (Industries.Count == 0)
        {
            ModelState.AddModelError(nameof(Industries), "请至少选择一个熟悉的行业。");
        }
        else if (Industries.Any(i => Regions.Industry(i) is null))
        {
            ModelState.AddModelError(nameof(Industries), "请从列表中选择行业（国民经济行业分类大类）。");
        }
        if (ModelState.IsValid && await Logins.UnavailableAsync(HttpContext, Db, Login) is { } taken)
        {
            ModelState.AddModelError(nameof(Login), taken);
        }
        if (!ModelState.IsValid)
        {
            Pool = await SiteChecks.PoolAsync(Db, City, Industry);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (user, token) = Invitations.Invite(Login, DisplayName, Role.Expert, now);
        Db.Users.Add(user);
        Db.ExpertProfiles.Add(new ExpertProfile { User = user, CityCode = CityCode, Industries = string.Join(",", Industries), Unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim() });
        Db.Record(now, UserId, null, "expert.created", $"{Login} {CityCode} {string.Join(",", Industries)}");
        await Db.SaveChangesAsync();
        InvitationLink = Invitations.Link(Request, token);
        ModelState.Clear();
        (DisplayName, Login, CityCode, Industries, Unit) = ("", "", "", [], null);
        Pool = await SiteChecks.PoolAsync(Db, City, Industry);
        return Page();
    }
}
