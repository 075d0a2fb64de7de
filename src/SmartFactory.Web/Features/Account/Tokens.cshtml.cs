using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>A user's personal access tokens for the API: created (shown once), listed, revoked.</summary>
public sealed class TokensModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<AccessToken> Tokens { get; private set; } = [];

    [BindProperty, Display(Name = "令牌名称（用途）"), Required(ErrorMessage = "请填写令牌名称。"), StringLength(100, ErrorMessage = "令牌名称不超过 100 个字符。")]
    public string Name { get; set; } = "";

    [BindProperty, Display(Name = "有效天数"), Range(1, 365, ErrorMessage = "有效天数应为 1–365。")]
    public int Days { get; set; } = 90;

    public string? NewToken { get; private set; }

    private int Me => User.UserId()!.Value;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        (var token, NewToken) = AccessTokens.New(Name.Trim(), now, now.AddDays(Days));
        token.UserId = Me;
        db.AccessTokens.Add(token);
        db.Record(now, Me, User.EnterpriseId(), "token.created", Name);
        await db.SaveChangesAsync();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == Me && t.RevokedAt == null);
        if (token is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        token.RevokedAt = now;
        db.Record(now, Me, User.EnterpriseId(), "token.revoked", token.Name);
        await db.SaveChangesAsync();
        return Redirect("/Account/Tokens");
    }

    private async Task LoadAsync() => Tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == Me).OrderByDescending(t => t.Id).ToListAsync();
}
