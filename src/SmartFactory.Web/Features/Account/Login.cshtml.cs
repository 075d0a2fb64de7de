using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

public sealed class LoginModel(AppDbContext db, IOptions<SecurityOptions> security) : PageModel
{
    [BindProperty, Display(Name = "登录账号"), Required(ErrorMessage = "请填写登录账号。")]
    public string Login { get; set; } = "";

    [BindProperty, Display(Name = "密码"), Required(ErrorMessage = "请填写密码。")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The password was right but a required second factor is not set up: the page says how to get a set-up link.</summary>
    public bool EnrolmentClosed { get; private set; }

    public bool MailIsOn => Features.Notices.Notify.MailIsOn(db);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        var outcome = await SignIns.PasswordAsync(HttpContext, db, Login, Password);
        if (outcome == SignInOutcome.SignedIn)
        {
            return LocalRedirect(returnUrl);
        }
        if (outcome == SignInOutcome.SecondFactorNeeded)
        {
            return RedirectToPage("/Account/Code", new { ReturnUrl = returnUrl });
        }
        EnrolmentClosed = outcome == SignInOutcome.TwoFactorNotSetUp;
        ModelState.AddModelError("", SignIns.Message(outcome, security.Value));
        return Page();
    }
}
