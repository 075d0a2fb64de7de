using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>The second step of signing in: the code of the authenticator app, or a recovery code.</summary>
public sealed class CodeModel(AppDbContext db, IOptions<SecurityOptions> security) : PageModel
{
    [BindProperty, Display(Name = "验证码"), Required(ErrorMessage = "请填写验证器上的 6 位验证码，或一个恢复码。"), StringLength(40, ErrorMessage = "验证码或恢复码不正确。")]
    public string Code { get; set; } = "";

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
        var outcome = await SignIns.SecondFactorAsync(HttpContext, db, Code);
        if (outcome == SignInOutcome.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        ModelState.AddModelError(outcome == SignInOutcome.WrongSecondFactor ? nameof(Code) : "", SignIns.Message(outcome, security.Value));
        return Page();
    }
}
