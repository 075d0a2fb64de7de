using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Features.Api;
using SmartFactory.Web.Features.Officials;
using SmartFactory.Web.Features.Notices;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

if (AdminCommands.IsCommand(args))
{
    return await AdminCommands.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddEditionsAndRegions();
builder.AddDatabase();
builder.AddNetwork();
builder.AddAuth();
builder.AddEvidenceStorage();
builder.AddAuditSealer();
builder.AddUploadLimits();
builder.AddRateLimits();
builder.AddApiDocuments();
builder.AddReports();
builder.AddNotices();
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.AuthorizePages();
        o.AnswerOnlyPageMethods();
    })
    .AddMvcOptions(o => o.ModelBindingMessageProvider.UseChinese());
builder.Services.AddProblemDetails(ApiProblems.UseChineseTitles);

var app = builder.Build();

await app.MigrateAndSeedAsync();

app.UseNetwork();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseErrorPages();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseNoStore();
app.UseRouting();
app.UseOneConnectionPerRequest();
app.UseCurrentEditions();
app.UseAuthentication();
app.UsePlatformClientFence();
app.UseTwoFactorEnrolment();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealth();
app.MapRazorPages();
app.MapEvidenceFiles();
app.MapOfficialEvidenceFiles();
app.MapAccountEndpoints();
app.MapApi();
app.MapApiDocuments();

app.Run();
return AdminCommands.Ok;

public partial class Program;
