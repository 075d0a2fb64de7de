using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>A colleague invited by the enterprise administrator sets a password with the one-time link.</summary>
public sealed class AcceptModel(AppDbContext db, IPasswordHasher<User> hasher, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty, Display(Name = "设置密码"), Required(ErrorMessage = "请设置密码。"), RegularExpression(Passwords.Pattern, ErrorMessage = Passwords.Rule)]
    public string Password { get; set; } = "";

    [BindProperty, Display(Name = "确认密码"), Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
    public string Confirm { get; set; } = "";

    public User? Invited { get; private set; }

    public async Task OnGetAsync() => Invited = await FindAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Invited = await FindAsync();
        if (Invited is null || !ModelState.IsValid)
        {
            return Page();
        }
        Invited.PasswordHash = hasher.HashPassword(Invited, Password);
        Invited.InvitationTokenHash = null;
        Invited.InvitationExpiresAt = null;
        Invited.SecurityStamp = Auth.NewStamp();
        db.Record(clock.GetUtcNow().UtcDateTime, Invited.Id, Invited.EnterpriseId, "user.invitation-accepted");
        await db.SaveChangesAsync();
        // The invitation link is the second channel: this session may set up a second factor the role requires (decision 046).
        await Sessions.SignInAsync(HttpContext, db, Invited, mayEnrol: true);
        return Redirect(Invited.EnterpriseId is null ? "/" : "/Assessments");
    }

    private async Task<User?> FindAsync()
    {
        if (string.IsNullOrEmpty(Token))
        {
            return null;
        }
        var hash = Invitations.Hash(Token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Users.FirstOrDefaultAsync(u => u.InvitationTokenHash == hash && u.InvitationExpiresAt > now);
    }
}
