using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// Officials create the officials below them: the province any, a city its counties; a county none. The province also
/// creates the three administrators of 三员分立 (bound to no division).
/// </summary>
public sealed class UsersModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public sealed record Row(string DisplayName, string Login, Role Role, string? Division, bool Pending);

    public List<Row> Officials { get; private set; } = [];

    [BindProperty, Display(Name = "姓名"), Required(ErrorMessage = "请填写姓名。"), StringLength(50)]
    public string DisplayName { get; set; } = "";

    [BindProperty, Display(Name = "登录账号（邮箱或手机号）"), Required(ErrorMessage = "请填写登录账号。"), RegularExpression(Logins.Pattern, ErrorMessage = Logins.Rule)]
    public string Login { get; set; } = "";

    [BindProperty, Display(Name = "所属地区"), Required(ErrorMessage = "请选择所属地区。")]
    public string Division { get; set; } = "";

    public string? InvitationLink { get; private set; }

    /// <summary>For the province: how many account recoveries wait for 复核 (decision 049).</summary>
    public int HeldRecoveries { get; private set; }

    /// <summary>The divisions this official may create officials for, with the role each gets.</summary>
    public IEnumerable<(string Code, string Name, Role Role)> Creatable => Me.Level switch
    {
        OfficialLevel.Province => new[] { (Regions.Province.Code, Regions.Province.Name, Role.ProvinceOfficial) }
            .Concat(Regions.Cities.Select(c => (c.Code, c.Name, Role.CityOfficial)))
            .Concat(Regions.Cities.SelectMany(c => c.Counties).Select(k => (k.Code, Regions.DivisionName(k.Code), Role.CountyOfficial)))
            .Concat(Roles.Administrators.Select(r => (r.ToString(), $"{Roles.Name(r)}（不属地区）", r))),
        OfficialLevel.City => Counties.Select(k => (k.Code, Regions.DivisionName(k.Code), Role.CountyOfficial)),
        _ => [],
    };

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Login = Logins.Normalize(Login);
        var target = Creatable.Where(c => c.Code == Division).Select(c => ((string Code, string Name, Role Role)?)c).FirstOrDefault();
        if (target is null)
        {
            ModelState.AddModelError(nameof(Division), "您不能为该地区创建官员账号。");
        }
        if (ModelState.IsValid && await Logins.UnavailableAsync(HttpContext, Db, Login) is { } taken)
        {
            ModelState.AddModelError(nameof(Login), taken);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var role = target!.Value.Role;
        var (user, token) = Invitations.Invite(Login, DisplayName, role, now, division: Roles.IsAdministrator(role) ? null : target.Value.Code);
        Db.Users.Add(user);
        Db.Record(now, UserId, null, Roles.IsAdministrator(role) ? "admin.created" : "official.created", $"{Login} {role} {user.DivisionCode}");
        await Db.SaveChangesAsync();
        InvitationLink = Invitations.Link(Request, token);
        ModelState.Clear();
        (DisplayName, Login, Division) = ("", "", "");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var codes = Creatable.Select(c => c.Code).Append(Me.DivisionCode).ToList();
        Officials = await Db.Users.AsNoTracking()
            .Where(u => u.DivisionCode != null ? codes.Contains(u.DivisionCode) : Me.Level == OfficialLevel.Province && Roles.Administrators.Contains(u.Role))
            .OrderBy(u => u.DivisionCode).ThenBy(u => u.Id)
            .Select(u => new Row(u.DisplayName, u.Login, u.Role, u.DivisionCode, u.PasswordHash == null))
            .ToListAsync();
        if (Me.Level == OfficialLevel.Province)
        {
            HeldRecoveries = await Recoveries.Held(Db, clock.GetUtcNow().UtcDateTime).CountAsync();
        }
    }
}
