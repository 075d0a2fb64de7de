using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>A service provider (服务商) registers an account; enterprises then grant it access to their drafts.</summary>
public sealed class RegisterProviderModel(AppDbContext db, IPasswordHasher<User> hasher, TimeProvider clock) : PageModel
{
    [BindProperty, Display(Name = "服务机构名称"), Required(ErrorMessage = "请填写服务机构名称。"), StringLength(200, MinimumLength = 2, ErrorMessage = "服务机构名称应为 2–200 个字符。")]
    public string Organisation { get; set; } = "";

    [BindProperty, Display(Name = "姓名"), Required(ErrorMessage = "请填写姓名。"), StringLength(50)]
    public string DisplayName { get; set; } = "";

    [BindProperty, Display(Name = "登录账号（邮箱或手机号）"), Required(ErrorMessage = "请填写登录账号。"), RegularExpression(Logins.Pattern, ErrorMessage = Logins.Rule)]
    public string Login { get; set; } = "";

    [BindProperty, Display(Name = "密码"), Required(ErrorMessage = "请设置密码。"), RegularExpression(Passwords.Pattern, ErrorMessage = Passwords.Rule)]
    public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Login = Logins.Normalize(Login);
        if (ModelState.IsValid && await Logins.UnavailableAsync(HttpContext, db, Login) is { } taken)
        {
            ModelState.AddModelError(nameof(Login), taken);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User { Login = Login, DisplayName = DisplayName.Trim(), Organisation = Organisation.Trim(), Role = Role.ServiceProvider, SecurityStamp = Auth.NewStamp(), CreatedAt = now };
        user.PasswordHash = hasher.HashPassword(user, Password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        db.Record(now, user.Id, null, "provider.registered", user.Organisation);
        await db.SaveChangesAsync();
        // The account is minutes old and nobody else has held its password: the registrant may set up a required second factor.
        await Sessions.SignInAsync(HttpContext, db, user, mayEnrol: true);
        return Redirect("/Providers");
    }
}
