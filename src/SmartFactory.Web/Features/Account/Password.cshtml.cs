using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

public sealed class PasswordModel(AppDbContext db, IPasswordHasher<User> hasher, TimeProvider clock) : PageModel
{
    [BindProperty, Display(Name = "当前密码"), Required(ErrorMessage = "请填写当前密码。")]
    public string Current { get; set; } = "";

    [BindProperty, Display(Name = "新密码"), Required(ErrorMessage = "请填写新密码。"), RegularExpression(Passwords.Pattern, ErrorMessage = Passwords.Rule)]
    public string New { get; set; } = "";

    [BindProperty, Display(Name = "确认新密码"), Compare(nameof(New), ErrorMessage = "两次输入的密码不一致。")]
    public string Confirm { get; set; } = "";

    public bool Changed { get; private set; }

    /// <summary>Signed in with a temporary password: nothing else opens until it is changed.</summary>
    public bool MustChange => !Changed && User.HasClaim(c => c.Type == ClaimNames.MustChangePassword);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await db.Users.FindAsync(User.UserId());
        if (user is null)
        {
            return Challenge();
        }
        if (user.PasswordHash is null || hasher.VerifyHashedPassword(user, user.PasswordHash, Current) == PasswordVerificationResult.Failed)
        {
            ModelState.AddModelError(nameof(Current), "当前密码不正确。");
        }
        else if (New == Current)
        {
            ModelState.AddModelError(nameof(New), "新密码不能与当前密码相同。");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await Passwords.ChangeAsync(db, hasher, user, New, now, keepSession: User.FindFirstValue(ClaimNames.Session));
        db.Record(now, user.Id, user.EnterpriseId, "user.password-changed", $"tokens revoked: {revoked}");
        await db.SaveChangesAsync();
        await Sessions.SignInAsync(HttpContext, db, user);
        Changed = true;
        return Page();
    }
}
