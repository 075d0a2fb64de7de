using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Notices;

namespace SmartFactory.Web.Features.Account;

/// <summary>
/// 忘记密码: with mail on, a link to the login's mailbox and the same answer for every login (decision 033); without,
/// who to ask instead.
/// </summary>
public sealed class ForgotModel(AppDbContext db) : PageModel
{
    [BindProperty, Display(Name = "登录账号"), Required(ErrorMessage = "请填写登录账号。"), StringLength(254, ErrorMessage = "登录账号过长。")]
    public string Login { get; set; } = "";

    public bool MailIsOn => Notify.MailIsOn(db);

    public string? Answer { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MailIsOn || !ModelState.IsValid)
        {
            return Page();
        }
        if (!await PasswordResets.RequestAsync(HttpContext, db, Login))
        {
            ModelState.AddModelError("", Logins.TooManyChecks);
            return Page();
        }
        Answer = PasswordResets.Sent;
        return Page();
    }
}
