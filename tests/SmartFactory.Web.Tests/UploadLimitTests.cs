using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using System.Text;
using SmartFactory.Web.Features.Providers;
using static SmartFactory.Web.Tests.ImportBuilders;
using static SmartFactory.Web.Tests.ReportBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// What a provider sees when its workbook is too big to read, too long to report, or not theirs to import: one clear
/// message or a short report, never an answer of hundreds of megabytes or an error page, and nothing imported.
/// </summary>
public sealed class UploadLimitTests : IDisposable
{
    private const string ProviderLogin = "limits@example.com";
    private const string Code = ImportWorkbook.Code;
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A provider signed in and granted by one enterprise, whose draft the tests check stays as it was.</summary>
    private static async Task<Browser> GrantedProviderAsync(AppFactory app)
    {
        var provider = app.Browser();
        await ProviderAsync(app, provider, ProviderLogin);
        var enterprise = app.Browser();
        await Builders.RegisterAsync(enterprise, 1);
        await GrantAsync(enterprise, ProviderLogin);
        return provider;
    }

    /// <summary>The import page answered, as its text (to tell its size) and as the document.</summary>
    private static async Task<(string Html, IHtmlDocument Page)> UploadRawAsync(Browser provider, byte[] workbook)
    {
        var response = await provider.PostFileAsync("/Providers/Import", "/Providers/Import", [], "评价.xlsx", workbook);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return (html, new HtmlParser().ParseDocument(html));
    }

    private static byte[] Rows(int count) =>
        Workbook([Code], Enumerable.Range(1, count).Select(i => new Dictionary<string, object?> { [Code] = $"91320000X{i:D9}" }).ToArray());

    private int Drafts => _app.Query(db => db.Assessments.Count(a => a.DtScore != null || a.Ratings.Any()));

    [Fact]
    public async Task AWorkbookWithOneCellOfFourHundredMillionCharactersIsRefusedBeforeItIsUnpacked()
    {
        var provider = await GrantedProviderAsync(_app);
        var bomb = OneHugeCell(Code, 400_000_000);

        var (html, page) = await UploadRawAsync(provider, bomb);

        Assert.True(bomb.Length < 1024 * 1024, $"the workbook packs into {bomb.Length} bytes");
        Assert.StartsWith("文件解压后超过 64 MB，已拒绝", Assert.Single(Report(page)).Message);
        Assert.True(html.Length < 100_000, $"the page has {html.Length} characters");
        Assert.Equal(0, Drafts);
    }

    [Fact]
    public async Task ACellLongerThanExcelAllowsIsRefusedWithoutBeingShown()
    {
        var provider = await GrantedProviderAsync(_app);

        var shared = await UploadRawAsync(provider, OneHugeCell(Code, 40_000));
        var inline = await UploadRawAsync(provider, Workbook([Code], new Dictionary<string, object?> { [Code] = new string('9', 40_000) }));

        foreach (var (html, page) in new[] { shared, inline })
        {
            Assert.Equal("有单元格的内容超过 32767 个字符，已拒绝。", Assert.Single(Report(page)).Message);
            Assert.DoesNotContain(new string('9', 1000), html);
        }
    }

    [Fact]
    public async Task AProviderThatNoEnterpriseHasGrantedIsRefusedBeforeItsFileIsRead()
    {
        var provider = _app.Browser();
        await ProviderAsync(_app, provider, ProviderLogin);
        await Builders.RegisterAsync(_app.Browser(), 1);

        var garbage = await UploadAsync(provider, "评价.xlsx", Encoding.UTF8.GetBytes("这不是 Excel 文件"));
        var bomb = await UploadAsync(provider, "评价.xlsx", OneHugeCell(Code, 100_000_000));

        foreach (var page in new[] { garbage, bomb })
        {
            Assert.StartsWith("尚无企业授权本服务商代为填报，无法导入", Assert.Single(Report(page)).Message);
        }
    }

    [Fact]
    public async Task TwentyThousandBadRowsAreReportedByTheirFirstHundredProblemsAndACountOfTheRest()
    {
        var provider = await GrantedProviderAsync(_app);

        var (html, page) = await UploadRawAsync(provider, Rows(20_000));

        var report = Report(page);
        Assert.Equal(100, report.Count);
        Assert.Equal(("2", ImportWorkbook.NotGranted), (report[0].Row, report[0].Message));
        Assert.Equal("101", report[^1].Row);
        Assert.Contains("检查未通过，未导入任何数据（共 20000 处问题）", Browser.Text(page));
        Assert.StartsWith("另有 19900 处问题未列出。", page.QuerySelector("[data-testid=unlisted]")?.TextContent.Trim());
        Assert.True(html.Length < 100_000, $"the page has {html.Length} characters");
        Assert.Equal(0, Drafts);
    }

    [Fact]
    public async Task ThirtyThreeThousandRowsAreRefusedForTheRowLimitAndNotWithAnError()
    {
        var provider = await GrantedProviderAsync(_app);

        var (_, page) = await UploadRawAsync(provider, Rows(33_000));

        Assert.Equal("有工作表超过 20000 行（不含表头），上限为 20000 行；请分成几个文件上传。", Assert.Single(Report(page)).Message);
    }

    [Fact]
    public async Task UnderAHigherRowLimitThirtyThreeThousandRowsAreCheckedWithoutAnError()
    {
        using var app = new AppFactory { Settings = { ["Uploads:MaxRows"] = "40000", ["Uploads:MaxListedProblems"] = "20" } };
        var provider = await GrantedProviderAsync(app);

        var response = await provider.PostFileAsync("/Providers/Import", "/Providers/Import", [], "评价.xlsx", Rows(33_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal(20, Report(page).Count);
        Assert.Contains("共 33000 处问题", Browser.Text(page));
        Assert.StartsWith("另有 32980 处问题未列出。", page.QuerySelector("[data-testid=unlisted]")?.TextContent.Trim());
    }
}
