using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Team;

/// <summary>The enterprise administrator's list of colleagues, and invitations of new ones.</summary>
public sealed class UsersModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Colleague(string DisplayName, string Login, Role Role, bool Pending);

    public List<Colleague> Colleagues { get; private set; } = [];

    [BindProperty, Display(Name = "姓名"), Required(ErrorMessage = "请填写姓名。"), StringLength(50)]
    public string DisplayName { get; set; } = "";

    [BindProperty, Display(Name = "登录账号（邮箱或手机号）"), Required(ErrorMessage = "请填写登录账号。"), RegularExpression(Logins.Pattern, ErrorMessage = Logins.Rule)]
    public string Login { get; set; } = "";

    public string? InvitationLink { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Login = Logins.Normalize(Login);
        if (ModelState.IsValid && await Logins.UnavailableAsync(HttpContext, db, Login) is { } taken)
        {
            ModelState.AddModelError(nameof(Login), taken);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var enterpriseId = User.EnterpriseId()!.Value;
        var (user, token) = Invitations.Invite(Login, DisplayName, Role.EnterpriseUser, now, enterpriseId: enterpriseId);
        db.Users.Add(user);
        db.Record(now, User.UserId(), enterpriseId, "user.invited", Login);
        await db.SaveChangesAsync();
        InvitationLink = Invitations.Link(Request, token);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var enterpriseId = User.EnterpriseId();
        Colleagues = await db.Users.AsNoTracking()
            .Where(u => u.EnterpriseId == enterpriseId)
            .OrderBy(u => u.Id)
            .Select(u => new Colleague(u.DisplayName, u.Login, u.Role, u.PasswordHash == null))
            .ToListAsync();
    }
}
