using System.Net;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>Fields left empty or sent as null are refused in Chinese, never answered with a server error, and nothing is saved.</summary>
public sealed class BlankInputTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEnterpriseRegistrationWithoutALoginAsksForOne(string login)
    {
        var response = await _app.Browser().PostAsync("/Account/Register", null, Builders.Registration(Builders.CreditCodeFor("320505", 1), login));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal("请填写登录账号。", page.QuerySelector("[data-valmsg-for='Input.Login']")!.TextContent.Trim());
        Assert.Equal(0, _app.Query(db => db.Users.Count()));
        Assert.Equal(0, _app.Query(db => db.Enterprises.Count()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AProviderRegistrationWithoutALoginAsksForOne(string login)
    {
        var response = await _app.Browser().PostAsync("/Account/RegisterProvider", null, ProviderTests.Registration(login));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal("请填写登录账号。", page.QuerySelector("[data-valmsg-for='Login']")!.TextContent.Trim());
        Assert.Equal(0, _app.Query(db => db.Users.Count()));
    }

    [Fact]
    public async Task BasicsWithAttestedNullAreRefusedAsABadRequest()
    {
        var e = await EnterpriseAsync(_app, 1);

        var refused = await SendRawAsync(e.Api, HttpMethod.Put, $"/api/v1/enterprises/{e.Id}/draft/basics", """{ "dtScore": 70, "cmmmLevel": 2, "attested": null }""");

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        Assert.Contains("attested", Detail(problem));
        Assert.Null(_app.Query(db => db.Assessments.Single().DtScore));
    }
}
