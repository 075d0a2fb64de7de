using System.Net;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>
/// The same flows over a real PostgreSQL server: migrations, the enterprise journey, the officials' scoped list,
/// export and dashboard queries, and the API — the scale-out path must not depend on anything SQLite-only.
/// </summary>
public sealed class PostgresTests : IDisposable
{
    private readonly AppFactory _app = new() { Provider = "Postgres" };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RunsTheEnterpriseJourneyOnPostgres()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(_app));

        var submitted = await browser.PostAsync("/Assessments/Submit", null, Builders.Pledge());
        var result = await browser.GetAsync(submitted.Headers.Location!.OriginalString);

        Assert.Equal("先进级", result.QuerySelector("[data-testid=reference-level]")!.TextContent.Trim());
        Assert.Equal(AssessmentStatus.Submitted, _app.Query(db => db.Assessments.Single().Status));
        Assert.Equal(DateTimeKind.Utc, _app.Query(db => db.Assessments.Single().SubmittedAt!.Value.Kind));
    }

    [Fact]
    public async Task ServesTheProvinceListExportAndDashboardOnPostgres()
    {
        using var demo = new AppFactory { Provider = "Postgres", SeedDemoData = true };
        var official = demo.Browser();
        var login = await official.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = "province@demo.cn", ["Password"] = "Demo2026" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var list = await official.GetAsync("/Officials?Filter.Level=3&Filter.Sort=index&Filter.Desc=true");
        var dashboard = await official.GetAsync("/Officials/Dashboard");
        var export = await official.Client.GetAsync("/Officials?handler=Export&Filter.City=320500");

        Assert.NotEqual("0", list.QuerySelector("[data-testid=total]")!.TextContent);
        Assert.Contains("场景建设热力图", Browser.Text(dashboard));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        var suzhou = demo.Query(db => db.Enterprises.Count(e => e.CityCode == "320500"));
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Count();
        Assert.Equal(suzhou, rows);
    }

    [Fact]
    public async Task GradesThroughTheApiOnPostgres()
    {
        var response = await _app.Browser().Client.PostAsync("/api/v1/grade",
            new StringContent("""{"dtScore":65,"cmmmLevel":1,"basicRequirementsMet":true,"scenarios":[{"no":20,"level":"basic"}]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"recommendedTier\": \"basic\"", await response.Content.ReadAsStringAsync());
    }
}
