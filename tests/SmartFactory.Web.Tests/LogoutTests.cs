using System.Net;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>Every page's logout form works, and a logout posted from another site without the token does nothing.</summary>
public sealed class LogoutTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheLogoutFormOfAPageWithoutOtherFormsSignsOut()
    {
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);
        var page = await official.GetAsync("/Officials/Dashboard");
        var token = page.QuerySelector("form[action='/Account/Logout'] input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "the logout form carries no antiforgery token");

        var response = await official.Client.PostAsync("/Account/Logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", (await official.Client.GetAsync("/Officials")).Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ALogoutWithoutTheTokenIsRefusedAndTheSessionGoesOn()
    {
        var enterprise = _app.Browser();
        await Builders.RegisterAsync(enterprise, 1);

        var forged = await enterprise.Client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.Client.GetAsync("/Assessments")).StatusCode);
    }
}
