using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>
/// A one-time reset link, mailed or given by the administrator: sets a new password by the registration rule, ends every
/// session and API token, and signs nobody in — the user signs in with the new password, and with the second factor
/// where one is set up (decision 033). Only a user whose role requires a second factor not yet set up is signed in, on a
/// session that may set it up: the link is the second channel (decision 046).
/// </summary>
public sealed class ResetModel(AppDbContext db, IPasswordHasher<User> hasher, IOptions<SecurityOptions> security, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty, Display(Name = "新密码"), Required(ErrorMessage = "请设置新密码。"), RegularExpression(Passwords.Pattern, ErrorMessage = Passwords.Rule)]
    public string Password { get; set; } = "";

    [BindProperty, Display(Name = "确认新密码"), Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
    public string Confirm { get; set; } = "";

    public PasswordReset? Reset { get; private set; }
    public bool Done { get; private set; }
    public bool TwoFactor { get; private set; }

    /// <summary>Signed in to set up the second factor the role requires.</summary>
    public bool Enrol { get; private set; }

    public async Task OnGetAsync() => Reset = await PasswordResets.FindAsync(db, Token, clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnPostAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Reset = await PasswordResets.FindAsync(db, Token, now);
        if (Reset?.User is not { } user || !ModelState.IsValid)
        {
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await PasswordResets.SpendAsync(db, Reset.Id, now))
        {
            Reset = null; // another request, here or on another node, used it first
            return Page();
        }
        var revoked = await Passwords.ChangeAsync(db, hasher, user, Password, now, keepSession: null);
        var how = Reset.Kind == PasswordResetKind.Mailed ? "mailed link" : "administrator's link";
        db.Record(now, user.Id, user.EnterpriseId, "user.password-reset", $"{how}; tokens revoked: {revoked}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Done = true;
        TwoFactor = user.TotpSecret is not null;
        Enrol = security.Value.MustEnrol(user.Role, TwoFactor);
        if (Enrol)
        {
            await Sessions.SignInAsync(HttpContext, db, user, mayEnrol: true);
        }
        return Page();
    }
}
