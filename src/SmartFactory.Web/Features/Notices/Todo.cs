using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Notices;

/// <summary>One line of things waiting for the user (<paramref name="Count"/> of them), with where to do them.</summary>
public sealed record TodoItem(string Text, string Link, int Count = 1);

/// <summary>
/// 待办: what waits for the signed-in user. It is asked on every page (the header's count), so it is one query over indexed
/// columns for an official or expert and two (the user's row with its subqueries, and the open rounds) for an enterprise.
/// </summary>
public sealed record Todo(int Unread, IReadOnlyList<TodoItem> Items)
{
    /// <summary>The header's number: applications, site checks, rounds and returns waiting, each counted once.</summary>
    public int Count => Items.Sum(i => i.Count);

    public static async Task<Todo> ForAsync(AppDbContext db, ClaimsPrincipal user, DateOnly today, CancellationToken ct = default)
    {
        if (user.UserId() is not int me)
        {
            return new Todo(0, []);
        }
        var unread = db.Notices.Where(n => n.UserId == me && n.ReadAt == null);
        var items = new List<TodoItem>();
        if (user.Official() is { } official)
        {
            // The province holds an application from 初审 to 认定, but while experts it has sent have not recorded the site
            // check, the application waits for them, not for the province; before it has sent any, what waits is sending them.
            var held = db.Applications.Where(a => a.HolderLevel == official.Level && a.HolderDivision == official.DivisionCode);
            var counts = await db.Users.Where(u => u.Id == me).Select(u => new
            {
                Unread = unread.Count(),
                Waiting = held.Count(a => a.State != ApplicationState.PreliminaryPassed || db.SiteChecks.Any(s => s.ApplicationId == a.Id)),
                ToAssign = held.Count(a => a.State == ApplicationState.PreliminaryPassed
                                           && !db.ExpertAssignments.Any(x => x.ApplicationId == a.Id) && !db.SiteChecks.Any(s => s.ApplicationId == a.Id)),
            }).SingleAsync(ct);
            if (counts.Waiting > 0)
            {
                items.Add(new TodoItem($"{counts.Waiting} 项申报待您办理", "/Officials/Applications?Filter.Holder=mine", counts.Waiting));
            }
            if (counts.ToAssign > 0)
            {
                items.Add(new TodoItem($"{counts.ToAssign} 项初审通过的申报待指派现场核查专家", $"/Officials/Applications?Filter.State={(int)ApplicationState.PreliminaryPassed}", counts.ToAssign));
            }
            return new Todo(counts.Unread, items);
        }
        if (user.IsInRole(nameof(Role.Expert)))
        {
            var counts = await db.Users.Where(u => u.Id == me).Select(u => new
            {
                Unread = unread.Count(),
                Checks = db.ExpertAssignments.Count(x => x.ExpertUserId == me && !db.SiteChecks.Any(s => s.ApplicationId == x.ApplicationId)),
            }).SingleAsync(ct);
            if (counts.Checks > 0)
            {
                items.Add(new TodoItem($"{counts.Checks} 项现场核查待您记录", "/Experts", counts.Checks));
            }
            return new Todo(counts.Unread, items);
        }
        if (user.EnterpriseId() is int enterprise)
        {
            var state = await db.Users.Where(u => u.Id == me).Select(u => new
            {
                Unread = unread.Count(),
                Last = db.Applications.Where(a => a.EnterpriseId == enterprise).OrderByDescending(a => a.Id).Select(a => (ApplicationState?)a.State).FirstOrDefault(),
                Level = db.Assessments.Where(a => a.EnterpriseId == enterprise && a.IsLatest).Select(a => a.ReferenceLevel).FirstOrDefault(),
            }).SingleAsync(ct);
            if (state.Last == ApplicationState.Returned)
            {
                items.Add(new TodoItem("申报已退回，请按退回意见修改后重新申报", "/Assessments/Apply"));
            }
            // In flight or recognised: nothing to apply for (the rule of Reminders.MayApply, read from the same columns).
            if (state.Last is null or ApplicationState.Returned)
            {
                var rounds = await db.Rounds.AsNoTracking().Where(r => r.OpensOn <= today && r.ClosesOn >= today)
                    .OrderBy(r => r.ClosesOn).Select(r => new { r.Name, r.Tier, r.ClosesOn }).ToListAsync(ct);
                foreach (var round in rounds.Where(r => (state.Level ?? 0) >= (int)r.Tier))
                {
                    var left = Rounds.DaysLeft(round.ClosesOn, today);
                    var deadline = left <= 7 ? $"，{Rounds.Left(left)}" : $"，{round.ClosesOn:yyyy年M月d日}截止";
                    items.Add(new TodoItem($"{round.Name}（{round.Tier.ChineseName()}）正在接受申报{deadline}", "/Assessments/Apply"));
                }
            }
            return new Todo(state.Unread, items);
        }
        return new Todo(await unread.CountAsync(ct), items);
    }
}

/// <summary>The header's 待办 and 通知 counts (Features/Shared/Components/Todo/Default.cshtml).</summary>
public sealed class TodoViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        try
        {
            return View(await Todo.ForAsync(db, HttpContext.User, BeijingTime.Today(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted));
        }
        catch (System.Data.Common.DbException)
        {
            // The database is away: the page (often the error page saying so) is shown without the counts.
            return Content("");
        }
    }
}
