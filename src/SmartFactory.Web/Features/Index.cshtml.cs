using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.EnterpriseId() is not null ? Redirect("/Assessments")
        : User.Official() is not null ? Redirect("/Officials")
        : User.IsInRole(nameof(Data.Role.ServiceProvider)) ? Redirect("/Providers")
        : User.IsInRole(nameof(Data.Role.Expert)) ? Redirect("/Experts")
        : User.IsInRole(nameof(Data.Role.SystemAdmin)) ? Redirect("/Admin")
        : User.IsInRole(nameof(Data.Role.SecurityAdmin)) ? Redirect("/Security")
        : User.IsInRole(nameof(Data.Role.AuditAdmin)) ? Redirect("/Audit")
        : Page();
}
