using System.Net;

namespace SmartFactory.Web.Tests;

/// <summary>Enterprises never see or change each other's assessments or files.</summary>
public sealed class IsolationTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnotherEnterpriseCannotOpenAResultOrAFile()
    {
        var owner = _app.Browser();
        await Builders.RegisterAsync(owner, 1);
        await Builders.CompleteAtAdvancedAsync(owner, Builders.Catalog(_app));
        var submitted = await owner.PostAsync("/Assessments/Submit", null, Builders.Pledge());
        var resultUrl = submitted.Headers.Location!.OriginalString;
        var fileId = _app.Query(db => db.EvidenceFiles.Single().Id);

        var other = _app.Browser();
        await Builders.RegisterAsync(other, 2, county: "320214");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(resultUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/files/{fileId}")).StatusCode);
        Assert.DoesNotContain("测试企业", Browser.Text(await other.GetAsync("/Assessments/History")).Replace(_app.Query(db => db.Enterprises.Single(e => e.Id == 2).Name), ""));
    }

    [Fact]
    public async Task RatingsAlwaysGoToTheSignedInEnterprisesOwnDraft()
    {
        var first = _app.Browser();
        await Builders.RegisterAsync(first, 1);
        await Builders.RateAsync(first, Builders.Catalog(_app), 8, "basic");
        var second = _app.Browser();
        await Builders.RegisterAsync(second, 2);

        await Builders.RateAsync(second, Builders.Catalog(_app), 8, "leading");

        var levels = _app.Query(db => db.Assessments.Select(a => new { a.EnterpriseId, Level = a.Ratings.Single(r => r.ScenarioNo == 8).Level }).ToList());
        Assert.Contains(levels, l => l.EnterpriseId == 1 && l.Level == 2);
        Assert.Contains(levels, l => l.EnterpriseId == 2 && l.Level == 5);
    }

    [Theory]
    [InlineData("/Assessments")]
    [InlineData("/Assessments/Stage/1")]
    [InlineData("/Assessments/Submit")]
    [InlineData("/Assessments/History")]
    [InlineData("/Assessments/Result/1")]
    [InlineData("/Team/Users")]
    [InlineData("/files/1")]
    public async Task SendsAnonymousVisitorsToLogin(string url)
    {
        var response = await _app.Browser().Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
