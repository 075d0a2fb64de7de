using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task CreatesAndMigratesTheDatabaseFileOnFirstStartAndAnswersHealth()
    {
        using var app = new AppFactory();
        var health = await app.Browser().Client.GetStringAsync("/healthz");

        Assert.Equal("ok", health);
        Assert.True(File.Exists(app.DatabaseFile));
    }

    [Fact]
    public async Task LoadsDemoDataWithLoginsAndSubmissionsAtDifferentLevels()
    {
        using var app = new AppFactory { SeedDemoData = true };
        var browser = app.Browser();

        var login = await browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = "suzhou@demo.cn", ["Password"] = "Demo2026" });

        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("已提交", Browser.Text(await browser.GetAsync("/Assessments/History")));
        var levels = app.Query(db => db.Assessments.Where(a => a.Status == AssessmentStatus.Submitted).Select(a => a.ReferenceLevel).Distinct().Count());
        Assert.True(levels >= 4, $"demo submissions span {levels} levels");
        Assert.True(app.Query(db => db.Enterprises.Select(e => e.CityCode).Distinct().Count()) >= 5);
    }
}
