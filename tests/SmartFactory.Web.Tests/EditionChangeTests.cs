using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>
/// A new catalog edition with its mapping (issue 11 part 5): publishing it moves the open drafts through the mapping,
/// a new round is pre-filled from the last submission through it, and the history compares rounds scenario by scenario.
/// Uses the illustrative JS-2027 edition in examples/editions.
/// </summary>
public sealed class EditionChangeTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static string Example(string file) => File.ReadAllText(Path.Combine(PublishedApp.RepositoryRoot, "examples", "editions", file));

    private const string Page = "/Admin/RuleSet?key=JS-2027%402027.1";

    private static string Year => BeijingTime.Of(DateTime.UtcNow).Year.ToString();

    private static async Task LoadAsync(Browser admin, string file)
    {
        var response = await admin.PostFileAsync("/Admin", "/Admin", [], file, Encoding.UTF8.GetBytes(Example(file)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await Browser.ParseAsync(response)).QuerySelector(".problems")?.TextContent);
    }

    [Fact]
    public async Task PublishingANewEditionNeedsItsMappingThenMovesDraftsPrefillsNewRoundsAndTheHistoryComparesScenarioByScenario()
    {
        var admin = await RuleLibraryTests.SystemAdminAsync(_app);
        var drafting = _app.Browser();
        await Builders.RegisterAsync(drafting, 1);
        await Builders.CompleteAtAdvancedAsync(drafting, Builders.Catalog(_app));
        var returning = _app.Browser();
        var code = await Builders.RegisterAsync(returning, 2);
        var enterprise = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        Seed.Submission(_app, enterprise, Tier.Advanced, DateTime.UtcNow.AddYears(-1));
        await LoadAsync(admin, "JS-2027.json");
        await LoadAsync(admin, "JS-2027-rules.json");

        var unmapped = await admin.PostAsync(Page, Page + "&handler=Publish", [new("appliesFrom", Year)]);

        Assert.Contains("JS-2026→JS-2027", (await Browser.ParseAsync(unmapped)).QuerySelector(".problems")!.TextContent);
        Assert.Equal("JS-2026", _app.Query(db => db.Assessments.Single(a => a.Status == AssessmentStatus.Draft).Edition));

        var draftBefore = _app.Query(db => db.Ratings.Where(r => r.AssessmentId == db.Assessments.Single(a => a.Status == AssessmentStatus.Draft).Id).ToList());
        await LoadAsync(admin, "JS-2026-to-JS-2027.json");
        var published = await admin.PostAsync(Page, Page + "&handler=Publish", [new("appliesFrom", Year)]);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var library = _app.Services.GetRequiredService<EditionLibrary>();
        var moved = _app.Query(db => db.Assessments.Where(a => a.Status == AssessmentStatus.Draft).Select(a => new { a.Edition, Ratings = a.Ratings.ToList() }).Single());
        Assert.Equal("JS-2027", moved.Edition);
        int Before(int no) => draftBefore.Single(r => r.ScenarioNo == no).Level;
        int After(int no) => moved.Ratings.Single(r => r.ScenarioNo == no).Level;
        Assert.Equal(Before(5), After(5)); // renamed
        Assert.Equal(Math.Min(Before(12), Before(13)), After(12)); // merged: the lower of the two
        Assert.Equal(Before(14), After(13)); // unchanged, one number earlier after the merge
        Assert.DoesNotContain(moved.Ratings, r => r.ScenarioNo == 29); // new in JS-2027: the enterprise rates it itself
        var notice = (await drafting.GetAsync("/Assessments")).QuerySelector("[data-testid=ruleset-notice]")!.TextContent;
        Assert.Contains("JS-2027", notice);

        Assert.Contains("开始下一轮自评估", Browser.Text(await returning.GetAsync("/Assessments")));
        await returning.PostAsync("/Assessments", "/Assessments/History?handler=NewRound", []);
        var started = await returning.GetAsync("/Assessments");
        Assert.Contains("JS-2027", started.QuerySelector("h1")!.TextContent);
        var submitted = _app.Query(db => db.Assessments.Where(a => a.EnterpriseId == enterprise && a.Status == AssessmentStatus.Submitted).SelectMany(a => a.Ratings).ToList());
        var prefilled = _app.Query(db => db.Assessments.Where(a => a.EnterpriseId == enterprise && a.Status == AssessmentStatus.Draft).SelectMany(a => a.Ratings).ToList());
        Assert.Equal(Math.Min(submitted.Single(r => r.ScenarioNo == 12).Level, submitted.Single(r => r.ScenarioNo == 13).Level), prefilled.Single(r => r.ScenarioNo == 12).Level);
        Assert.DoesNotContain(prefilled, r => r.ScenarioNo == 29); // new in JS-2027: the enterprise rates it itself

        var history = await returning.GetAsync("/Assessments/History");
        var rows = history.QuerySelectorAll("[data-testid=compare] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(library.Catalog("JS-2027")!.Scenarios.Count + 1, rows.Count); // every JS-2027 scenario and the removed one
        Assert.Contains(rows, r => r.Contains("合并") && r.Contains("12"));
        Assert.Contains(rows, r => r.Contains("已删除"));

        // The officials' view of the same: last year's JS-2026 submission carried onto JS-2027's scenarios.
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");
        var trend = await province.GetAsync("/Officials/Scenarios");
        var lastYear = (int.Parse(Year) - 1).ToString();
        Assert.Contains(lastYear, trend.QuerySelector("[data-testid=scenario-trend] thead")!.TextContent);
        int Rated(int no) => Tiers.TryParseRating(Builders.HighestUpTo(library.Catalog("JS-2026")!.Find(no)!, Tier.Advanced), out var t) ? t.Ordinal() : -1;
        var merged = Math.Min(Rated(12), Rated(13));
        Assert.Contains($"均 {merged:0.0}", trend.QuerySelector("[data-testid=scenario-trend] tr[data-no='12'] td")!.TextContent);
        Assert.Equal(library.Catalog("JS-2027")!.Scenarios.Count, trend.QuerySelectorAll("[data-testid=scenario-trend] tbody tr").Length);
    }
}
