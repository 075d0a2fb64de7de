using System.Net;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>Enterprises stay out of the officials' pages, officials out of the enterprises', and officials out of other divisions' applications.</summary>
public sealed class OfficialIsolationTests : IDisposable
{
    private static readonly string[] OfficialPages =
    [
        "/Officials", "/Officials?handler=Export", "/Officials/Dashboard", "/Officials/Applications", "/Officials/Users",
        "/Officials/Targets", "/Officials/Enterprise/1", "/Officials/Submission/1", "/Officials/Application/1",
    ];

    private static readonly string[] EnterprisePages =
    [
        "/Assessments", "/Assessments/Stage/1", "/Assessments/Submit", "/Assessments/Apply", "/Assessments/History",
        "/Assessments/Result/1", "/Team/Users", "/Team/Providers", "/Providers",
    ];

    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EnterpriseUsersAndProvidersAreKeptOutOfEveryOfficialPage()
    {
        Seed.Round(_app);
        var enterprise = _app.Browser();
        await Builders.RegisterAsync(enterprise, 1);
        await Builders.CompleteAtAdvancedAsync(enterprise, Builders.Catalog(_app));
        await enterprise.PostAsync("/Assessments/Submit", null, Builders.Pledge());
        Assert.Equal(HttpStatusCode.Redirect, (await Seed.ApplyAsync(enterprise)).StatusCode);
        var provider = _app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await provider.PostAsync("/Account/RegisterProvider", null, ProviderTests.Registration("advisor@example.com"))).StatusCode);

        foreach (var browser in new[] { enterprise, provider })
        {
            foreach (var url in OfficialPages)
            {
                await Seed.AssertDeniedAsync(browser, url);
            }
        }
        var anonymous = await _app.Browser().Client.GetAsync("/Officials");
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData(Role.CountyOfficial, "320505")]
    [InlineData(Role.CityOfficial, "320500")]
    [InlineData(Role.ProvinceOfficial, "320000")]
    public async Task OfficialsAreKeptOutOfTheEnterprisePages(Role role, string division)
    {
        var enterprise = Seed.Enterprise(_app, 1, Seed.HuqiuCounty);
        Seed.Submission(_app, enterprise, Tier.Advanced);
        var official = await Seed.OfficialAsync(_app, role, division);

        foreach (var url in EnterprisePages)
        {
            await Seed.AssertDeniedAsync(official, url);
        }
        var rate = await Seed.PostAsync(official, "/Assessments/Stage/4?handler=Rate", new Dictionary<string, string> { ["no"] = "8", ["level"] = "basic" });
        Assert.NotEqual(HttpStatusCode.OK, rate.StatusCode);
        Assert.Equal(1, _app.Query(db => db.Assessments.Count()));
    }

    [Fact]
    public async Task AnOfficialCannotActOnAnApplicationOfAnotherDivision()
    {
        var kunshan = Seed.Enterprise(_app, 1, Seed.KunshanCounty, "昆山申报企业有限公司");
        Seed.Submission(_app, kunshan, Tier.Advanced);
        var atCounty = Seed.Application(_app, kunshan);
        var huqiu = Seed.Enterprise(_app, 2, Seed.HuqiuCounty, "虎丘申报企业有限公司");
        Seed.Submission(_app, huqiu, Tier.Advanced);
        var atCity = Seed.Application(_app, huqiu, ApplicationState.AtCity);
        var huqiuOfficial = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);
        var wuxiOfficial = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Wuxi);

        var byCounty = await huqiuOfficial.PostAsync("/Account/Password", $"/Officials/Application/{atCounty}", Decision("Recommend", "同意推荐。"));
        var byCity = await wuxiOfficial.PostAsync("/Account/Password", $"/Officials/Application/{atCity}", Decision("Return", "不属于本市。"));

        Assert.Equal(HttpStatusCode.NotFound, byCounty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byCity.StatusCode);
        Assert.Equal(ApplicationState.AtCounty, _app.Query(db => db.Applications.Single(a => a.Id == atCounty).State));
        Assert.Equal(ApplicationState.AtCity, _app.Query(db => db.Applications.Single(a => a.Id == atCity).State));
        Assert.Equal(2, _app.Query(db => db.ApplicationEvents.Count()));

        var kunshanOfficial = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.KunshanCounty);
        var own = await kunshanOfficial.PostAsync($"/Officials/Application/{atCounty}", null, Decision("Recommend", "同意推荐。"));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(ApplicationState.AtProvince, _app.Query(db => db.Applications.Single(a => a.Id == atCounty).State));
    }

    public static Dictionary<string, string> Decision(string action, string? comment = null, int? batchYear = null, string? documentNo = null)
    {
        var fields = new Dictionary<string, string> { ["Action"] = action };
        if (comment is not null)
        {
            fields["Comment"] = comment;
        }
        if (batchYear is int year)
        {
            fields["BatchYear"] = year.ToString();
        }
        if (documentNo is not null)
        {
            fields["Recognition.DocumentNo"] = documentNo;
        }
        return fields;
    }
}
