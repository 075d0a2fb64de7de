using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddEditionsAndRegions();
builder.AddDatabase();
builder.AddAuth();
builder.AddEvidenceStorage();
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.AuthorizePages();
    }).AddMvcOptions(o => o.ModelBindingMessageProvider.UseChinese());
builder.Services.AddProblemDetails();

var app = builder.Build();

await app.MigrateAndSeedAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealth();
app.MapRazorPages();
app.MapEvidenceFiles();
app.MapAccountEndpoints();

app.Run();

public partial class Program;
