using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Team;

/// <summary>The enterprise administrator's list of colleagues, invitations of new ones, and password resets (decision 033).</summary>
public sealed class UsersModel(AppDbContext db, IPasswordHasher<User> hasher, TimeProvider clock) : PageModel
{
    public sealed record Colleague(int Id, string DisplayName, string Login, Role Role, bool Pending, bool ResetOpen);

    /// <summary>What a reset or a renewed invitation gave the administrator to pass on, shown once.</summary>
    public sealed record Handout(string Name, PasswordResetKind? Kind, string Value);

    public List<Colleague> Colleagues { get; private set; } = [];

    [BindProperty, Display(Name = "姓名"), Required(ErrorMessage = "请填写姓名。"), StringLength(50)]
    public string DisplayName { get; set; } = "";

    [BindProperty, Display(Name = "登录账号（邮箱或手机号）"), Required(ErrorMessage = "请填写登录账号。"), RegularExpression(Logins.Pattern, ErrorMessage = Logins.Rule)]
    public string Login { get; set; } = "";

    public string? InvitationLink { get; private set; }
    public string? InvitedName { get; private set; }
    public Handout? Given { get; private set; }
    public string? Refused { get; private set; }

    private int EnterpriseId => User.EnterpriseId()!.Value;

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
        var (user, token) = Invitations.Invite(Login, DisplayName, Role.EnterpriseUser, now, enterpriseId: EnterpriseId);
        db.Users.Add(user);
        db.Record(now, User.UserId(), EnterpriseId, "user.invited", Login);
        await db.SaveChangesAsync();
        InvitationLink = Invitations.Link(Request, token);
        InvitedName = user.DisplayName;
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// POST ?handler=Reset: a colleague of this enterprise gets a reset link or a temporary password; the old password, the
    /// sessions and the API tokens end. A colleague yet to accept gets a fresh invitation link instead. Another
    /// enterprise's user is not found (404).
    /// </summary>
    public async Task<IActionResult> OnPostResetAsync(int id, PasswordResetKind kind)
    {
        ModelState.Clear(); // the invitation form's fields are not part of this post
        var colleague = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.EnterpriseId == EnterpriseId);
        if (colleague is null || kind is not (PasswordResetKind.Link or PasswordResetKind.TemporaryPassword))
        {
            return NotFound();
        }
        var me = User.UserId()!.Value;
        if (PasswordResets.Refusal(me, colleague) is { } refusal)
        {
            Refused = refusal;
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (colleague.PasswordHash is null)
        {
            var token = Invitations.Renew(colleague, now);
            db.Record(now, me, EnterpriseId, "user.invitation-renewed", colleague.Login);
            Given = new Handout(colleague.DisplayName, null, Invitations.Link(Request, token));
        }
        else
        {
            var value = await PasswordResets.IssueAsync(db, hasher, colleague, kind, me, now);
            db.Record(now, me, EnterpriseId, "user.password-reset-issued", $"{colleague.Login}: {(kind == PasswordResetKind.Link ? "link" : "temporary password")}");
            Given = new Handout(colleague.DisplayName, kind, kind == PasswordResetKind.Link ? Request.PublicUrl($"/Account/Reset?token={value}") : value);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var enterpriseId = User.EnterpriseId();
        Colleagues = await db.Users.AsNoTracking()
            .Where(u => u.EnterpriseId == enterpriseId)
            .OrderBy(u => u.Id)
            .Select(u => new Colleague(u.Id, u.DisplayName, u.Login, u.Role, u.PasswordHash == null,
                db.PasswordResets.Any(r => r.UserId == u.Id && r.UsedAt == null && (r.Kind == PasswordResetKind.Link || r.Kind == PasswordResetKind.TemporaryPassword))))
            .ToListAsync();
    }
}
