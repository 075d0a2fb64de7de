using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Admin;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>The rule library's uploads, on the page and through the API, under the same limits as the providers' import.</summary>
public sealed class LibraryUploadLimitTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private HttpClient AdminApi() => Api(_app, TokenHolder(_app, Role.SystemAdmin).Token);

    private static ByteArrayContent Workbook(byte[] bytes) =>
        new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") } };

    private static List<string> Problems(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll(".problems li").Select(li => li.TextContent.Trim()).ToList();

    private int Loaded => _app.Query(db => db.Library.Count());

    /// <summary>A rule-set workbook of <paramref name="rows"/> rows that each lack their 项目代码.</summary>
    private static byte[] RowsWithoutPaths(int rows)
    {
        var values = Enumerable.Range(1, rows).Select(_ => new Dictionary<string, object?>
        {
            [RuleSetWorkbook.PathColumn] = "", [RuleSetWorkbook.NewColumn] = "1", [RuleSetWorkbook.ProvenanceColumn] = "",
        }).ToList();
        var version = new[] { new Dictionary<string, object?> { [RuleSetWorkbook.LabelColumn] = RuleSetWorkbook.NewVersionRow, [RuleSetWorkbook.ValueColumn] = "2026.9" } };
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [RuleSetWorkbook.ValuesSheet] = values, [RuleSetWorkbook.VersionSheet] = version });
        return stream.ToArray();
    }

    [Fact]
    public async Task ARuleSetWorkbookThatUnpacksPastTheLimitIsRefusedOnThePageAndInTheApi()
    {
        var admin = await RuleLibraryTests.SystemAdminAsync(_app);
        var before = Loaded;
        var bomb = ImportBuilders.OneHugeCell(RuleSetWorkbook.PathColumn, 100_000_000);

        var page = await Browser.ParseAsync(await admin.PostFileAsync("/Admin", "/Admin", [], "规则数值.xlsx", bomb));
        var api = await JsonAsync(await AdminApi().PostAsync("/api/v1/library", Workbook(bomb)), HttpStatusCode.BadRequest);

        Assert.StartsWith("上传文件：文件解压后超过 64 MB，已拒绝", Assert.Single(Problems(page)));
        Assert.StartsWith("文件解压后超过 64 MB，已拒绝", api.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(before, Loaded);
    }

    [Fact]
    public async Task AHundredAndFiftyBadRowsAreReportedByTheFirstHundredAndACountOfTheRest()
    {
        var admin = await RuleLibraryTests.SystemAdminAsync(_app);
        var before = Loaded;
        var workbook = RowsWithoutPaths(150);

        var page = await Browser.ParseAsync(await admin.PostFileAsync("/Admin", "/Admin", [], "规则数值.xlsx", workbook));
        var api = await JsonAsync(await AdminApi().PostAsync("/api/v1/library", Workbook(workbook)), HttpStatusCode.BadRequest);

        Assert.Equal(100, Problems(page).Count);
        Assert.Equal("规则数值 第 2 行：缺少项目代码。", Problems(page)[0]);
        Assert.Equal("另有 50 处问题未列出。", page.QuerySelector("[data-testid=unlisted]")?.TextContent.Trim());
        Assert.Equal(100, api.GetProperty("errors").GetArrayLength());
        Assert.EndsWith("另有 50 处问题未列出。", api.GetProperty("detail").GetString());
        Assert.Equal(before, Loaded);
    }

    [Fact]
    public async Task AnApiBodyOverTheLibraryLimitIsRefusedAsTooLarge()
    {
        var json = "{\"id\":\"" + new string('x', 3 * 1024 * 1024) + "\"}";
        var before = Loaded;

        var response = await AdminApi().PostAsync("/api/v1/library", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("请求内容过大", problem.GetProperty("title").GetString());
        Assert.Equal("文件过大，上限为 2 MB。", problem.GetProperty("detail").GetString());
        Assert.Equal(before, Loaded);
    }
}
