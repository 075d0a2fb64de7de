using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

public sealed class LoginModel(AppDbContext db, IPasswordHasher<User> hasher, TimeProvider clock) : PageModel
{
    [BindProperty, Display(Name = "登录账号"), Required(ErrorMessage = "请填写登录账号。")]
    public string Login { get; set; } = "";

    [BindProperty, Display(Name = "密码"), Required(ErrorMessage = "请填写密码。")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var login = Logins.Normalize(Login);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Login == login);
        if (user?.LockedUntil > now)
        {
            ModelState.AddModelError("", $"连续 {Auth.MaxFailedLogins} 次密码错误，账号已锁定，请于 {BeijingTime.Of(user.LockedUntil.Value):HH:mm}（北京时间）后再试。");
            return Page();
        }
        var verified = user?.PasswordHash is not null && hasher.VerifyHashedPassword(user, user.PasswordHash, Password) != PasswordVerificationResult.Failed;
        if (user is null || !verified)
        {
            db.Record(now, user?.Id, user?.EnterpriseId, "user.login-failed", login.Length > 100 ? login[..100] : login);
            if (user is not null)
            {
                user.FailedLogins++;
                if (user.FailedLogins >= Auth.MaxFailedLogins)
                {
                    user.LockedUntil = now + Auth.LockoutDuration;
                    user.FailedLogins = 0;
                    db.Record(now, user.Id, user.EnterpriseId, "user.locked");
                }
            }
            await db.SaveChangesAsync();
            ModelState.AddModelError("", "账号或密码不正确。");
            return Page();
        }
        user.FailedLogins = 0;
        user.LockedUntil = null;
        db.Record(now, user.Id, user.EnterpriseId, "user.login");
        await db.SaveChangesAsync();
        await HttpContext.SignInAsync(Auth.Principal(user));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
