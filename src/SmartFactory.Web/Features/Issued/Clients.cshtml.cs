using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Issued;

/// <summary>
/// The province official's machine clients of the platforms (decision 039): each an account of role
/// <see cref="Role.PlatformClient"/> without a password, with a token of its own, shown once, that can only push issued
/// results. Revoking ends its tokens; the account stays, so the results it brought still name it.
/// </summary>
public sealed class ClientsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Client(int Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt, bool Live);

    public List<Client> Clients { get; private set; } = [];

    [BindProperty, Display(Name = "客户端名称（平台）"), Required(ErrorMessage = "请填写客户端名称。"), StringLength(50, ErrorMessage = "客户端名称不超过 50 个字符。")]
    public string Name { get; set; } = "";

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
        var client = new User
        {
            Login = $"platform-{Guid.NewGuid():N}@clients.invalid", DisplayName = Name.Trim(), Role = Role.PlatformClient,
            Organisation = Name.Trim(), SecurityStamp = Auth.NewStamp(), CreatedAt = now,
        };
        (var token, NewToken) = AccessTokens.New("平台推送", now, now.Add(AccessTokens.DefaultLifetime));
        token.User = client;
        db.Users.Add(client);
        db.AccessTokens.Add(token);
        db.Record(now, Me, null, "issued.client-created", client.DisplayName);
        await db.SaveChangesAsync();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.Role == Role.PlatformClient) is not { } client)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await AccessTokens.RevokeAllAsync(db, client.Id, now);
        db.Record(now, Me, null, "issued.client-revoked", client.DisplayName);
        await db.SaveChangesAsync();
        return Redirect("/Issued/Clients");
    }

    private async Task LoadAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Clients = await db.Users.AsNoTracking().Where(u => u.Role == Role.PlatformClient).OrderByDescending(u => u.Id)
            .Select(u => new Client(u.Id, u.DisplayName, u.CreatedAt,
                db.AccessTokens.Where(t => t.UserId == u.Id).Max(t => t.LastUsedAt),
                db.AccessTokens.Any(t => t.UserId == u.Id && t.RevokedAt == null && t.ExpiresAt > now)))
            .ToListAsync();
    }
}
