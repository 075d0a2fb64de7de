using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Notices;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>
/// 设置两步验证 with a 两步验证设置链接 (decision 046): the link and the password together open one session in which the
/// second factor the role requires is set up; the link is spent then. Without a link, with mail on, an account asks for one
/// to be mailed to its login, with the same answer for every login.
/// </summary>
public sealed class EnrolModel(AppDbContext db, IOptions<SecurityOptions> security, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty, Display(Name = "密码")]
    public string? Password { get; set; }

    [BindProperty, Display(Name = "登录账号"), StringLength(254, ErrorMessage = "登录账号过长。")]
    public string? Login { get; set; }

    /// <summary>The open link the token names, with its user.</summary>
    public PasswordReset? Link { get; private set; }

    public bool MailIsOn => Notify.MailIsOn(db);

    public string? Answer { get; private set; }

    public async Task OnGetAsync() => Link = await PasswordResets.FindAsync(db, Token, clock.GetUtcNow().UtcDateTime, enrolment: true);

    public async Task<IActionResult> OnPostAsync()
    {
        Link = await PasswordResets.FindAsync(db, Token, clock.GetUtcNow().UtcDateTime, enrolment: true);
        if (Link?.User is not { } user)
        {
            return Page();
        }
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "请填写密码。");
            return Page();
        }
        var outcome = await SignIns.PasswordAsync(HttpContext, db, user.Login, Password, Link);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                return Redirect("/Account/TwoFactor");
            case SignInOutcome.SecondFactorNeeded:
                return RedirectToPage("/Account/Code", new { ReturnUrl = "/" });
            case SignInOutcome.TwoFactorNotSetUp:
                Link = null; // spent by another request first
                return Page();
            default:
                ModelState.AddModelError("", SignIns.Message(outcome, security.Value));
                return Page();
        }
    }

    /// <summary>POST ?handler=Mail: a link to the login's own mailbox, if it is an account that must still set up its second factor.</summary>
    public async Task<IActionResult> OnPostMailAsync()
    {
        if (!MailIsOn)
        {
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Login))
        {
            ModelState.AddModelError(nameof(Login), "请填写登录账号。");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await PasswordResets.RequestAsync(HttpContext, db, Login!, TwoFactorLinks.Mailed(security.Value)))
        {
            ModelState.AddModelError("", Logins.TooManyChecks);
            return Page();
        }
        Answer = TwoFactorLinks.Sent;
        return Page();
    }
}
