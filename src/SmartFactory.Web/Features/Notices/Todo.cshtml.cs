using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartFactory.Domain;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Notices;

/// <summary>待办: the lines behind the header's count, each with a link to where it is done.</summary>
public sealed class TodoModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Todo Todo { get; private set; } = new(0, []);

    public async Task OnGetAsync() => Todo = await Todo.ForAsync(db, User, BeijingTime.Today(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted);
}
