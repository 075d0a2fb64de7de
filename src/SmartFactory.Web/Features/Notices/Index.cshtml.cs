using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Notices;

/// <summary>The user's own notices, newest first, the unread marked; one or all marked as read.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>How many of the newest notices the page lists.</summary>
    public const int Shown = 200;

    public List<Notice> Notices { get; private set; } = [];
    public int Unread { get; private set; }
    public int Total { get; private set; }

    private int Me => User.UserId()!.Value;

    public async Task OnGetAsync()
    {
        var mine = db.Notices.AsNoTracking().Where(n => n.UserId == Me);
        Notices = await mine.OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Take(Shown).ToListAsync();
        Unread = await mine.CountAsync(n => n.ReadAt == null);
        Total = await mine.CountAsync();
    }

    public async Task<IActionResult> OnPostReadAsync(long id)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using (await db.OneWriterAsync())
        {
            // Someone else's notice is as absent as one that does not exist.
            if (await db.Notices.Where(n => n.Id == id && n.UserId == Me).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now)) == 0)
            {
                return NotFound();
            }
        }
        return Redirect("/Notices");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using (await db.OneWriterAsync())
        {
            await db.Notices.Where(n => n.UserId == Me && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now));
        }
        return Redirect("/Notices");
    }
}
