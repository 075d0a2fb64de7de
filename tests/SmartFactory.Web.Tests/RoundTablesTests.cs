using System.Net;
using AngleSharp.Html.Dom;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.OfficialIsolationTests;
using static SmartFactory.Web.Tests.ReportBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>Issue 16 part 2 (decision 036): a round's 推荐汇总表 and 审核情况表, per city and for the province, on the page, as Excel and as PDF.</summary>
public sealed class RoundTablesTests : IDisposable
{
    private const string SuzhouPlant = "苏州推荐精工有限公司";
    private const string WuxiPlant = "无锡推荐装备有限公司";
    private const string Waiting = "苏州待审电子有限公司";

    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task ActAsync(Browser official, int id, string comment)
    {
        var response = await official.PostAsync($"/Officials/Application/{id}", null, Decision("Recommend", comment));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Recommend answered {(int)response.StatusCode}: {Browser.Text(await Browser.ParseAsync(response))}");
    }

    /// <summary>Three applications of one round: Suzhou's and Wuxi's recommended to the province through the pages (Suzhou's also site-checked), one more still at its county.</summary>
    private async Task<Dictionary<string, Browser>> RoundAsync()
    {
        Seed.Round(_app);
        var officials = new Dictionary<string, Browser>
        {
            ["huqiu"] = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty, "虎丘区工信局"),
            ["suzhou"] = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou, "苏州市工信局"),
            ["xinwu"] = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.XinwuCounty, "新吴区工信局"),
            ["wuxi"] = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Wuxi, "无锡市工信局"),
            ["province"] = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000", "江苏省工信厅"),
        };
        foreach (var (n, name, county, city) in new[] { (1, SuzhouPlant, Seed.HuqiuCounty, "suzhou"), (2, WuxiPlant, Seed.XinwuCounty, "wuxi"), (3, Waiting, Seed.HuqiuCounty, "") })
        {
            var enterprise = Seed.Enterprise(_app, n, county, name);
            Seed.Submission(_app, enterprise, Tier.Advanced, dtScore: 70 + n, cmmm: 3);
            var application = Seed.Application(_app, enterprise);
            if (city == "")
            {
                continue;
            }
            await ActAsync(officials[county == Seed.HuqiuCounty ? "huqiu" : "xinwu"], application, $"{name}材料齐全，同意推荐。");
            await ActAsync(officials[city], application, $"{name}同意推荐至省。");
            if (city == "suzhou")
            {
                SiteCheckBuilders.SiteCheck(_app, application);
            }
        }
        return officials;
    }

    private static List<string> Names(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"[data-table={table}] tbody tr td[data-label=企业名称]").Select(td => td.TextContent).ToList();

    [Fact]
    public async Task ACitySeesItsOwnRecommendationsAndTheProvinceEveryCitysOrOne()
    {
        var officials = await RoundAsync();

        var suzhou = await officials["suzhou"].GetAsync("/Officials/Recommendations");
        Assert.Equal([SuzhouPlant], Names(suzhou, "summary"));
        Assert.Equal([SuzhouPlant], Names(suzhou, "review"));
        var row = suzhou.QuerySelector("[data-table=summary] tbody tr")!;
        string Cell(string label) => row.QuerySelector($"td[data-label='{label}']")!.TextContent;
        Assert.Equal("91320505MA1000010C".Length, Cell("统一社会信用代码").Length);
        Assert.Equal("先进级", Cell("参考等级"));
        Assert.Equal("71", Cell("数字化转型得分"));
        Assert.Equal("自填", Cell("得分来源"));
        Assert.Equal($"{SuzhouPlant}同意推荐至省。", Cell("推荐意见"));
        Assert.StartsWith("苏州市工信局", Cell("推荐人"));
        var review = suzhou.QuerySelector("[data-table=review] tbody tr")!;
        Assert.Equal($"{SuzhouPlant}材料齐全，同意推荐。", review.QuerySelector("td[data-label=区县审核意见]")!.TextContent);
        Assert.Equal("已核查", review.QuerySelector("td[data-label=现场核查]")!.TextContent);
        Assert.Equal("王专家（东南大学）", review.QuerySelector("td[data-label=核查人员]")!.TextContent);
        Assert.Equal("通过", review.QuerySelector("td[data-label=核查结论]")!.TextContent);

        // A city cannot reach another city's rows by the province's filter.
        Assert.Equal([SuzhouPlant], Names(await officials["suzhou"].GetAsync($"/Officials/Recommendations?City={Seed.Wuxi}"), "summary"));
        var wuxiReview = (await officials["wuxi"].GetAsync("/Officials/Recommendations")).QuerySelector("[data-table=review] tbody tr")!;
        Assert.Equal("未核查", wuxiReview.QuerySelector("td[data-label=现场核查]")!.TextContent);
        Assert.Equal([WuxiPlant], Names(await officials["xinwu"].GetAsync("/Officials/Recommendations"), "summary"));
        Assert.Equal([WuxiPlant], Names(await officials["xinwu"].GetAsync($"/Officials/Recommendations?City={Seed.Suzhou}"), "summary"));

        Assert.Equal(new[] { WuxiPlant, SuzhouPlant }.Order(), Names(await officials["province"].GetAsync("/Officials/Recommendations"), "summary").Order());
        Assert.Equal([WuxiPlant], Names(await officials["province"].GetAsync($"/Officials/Recommendations?City={Seed.Wuxi}"), "summary"));
    }

    [Fact]
    public async Task ThePdfHoldsTheRowsAndTheSignatureAndSealLineAndTheWorkbookOnlyTheCitysRows()
    {
        var officials = await RoundAsync();

        var summaryPdf = await DownloadAsync(officials["suzhou"], "/Officials/Recommendations?handler=Pdf&table=summary", "application/pdf");
        using (var document = UglyToad.PdfPig.PdfDocument.Open(summaryPdf))
        {
            Assert.All(document.GetPages(), page => Assert.True(page.Width > page.Height, "a table of 13 columns is printed on A4 landscape"));
        }
        var summary = PdfText(summaryPdf);
        AssertContainsAll(summary, ["推荐汇总表", "苏州市", SuzhouPlant, "经办人（签字）", "负责人（签字）", "（单位盖章）"]);
        Assert.DoesNotContain(WuxiPlant, summary);
        Assert.DoesNotContain(Waiting, summary);
        var review = PdfText(await DownloadAsync(officials["province"], "/Officials/Recommendations?handler=Pdf&table=review", "application/pdf"));
        AssertContainsAll(review, ["审核情况表", SuzhouPlant, WuxiPlant, "已核查", "未核查", "（单位盖章）"]);

        var workbook = await DownloadAsync(officials["suzhou"], $"/Officials/Recommendations?handler=Xlsx&table=summary&City={Seed.Wuxi}", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(workbook));
        var text = string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains(SuzhouPlant, text);
        Assert.DoesNotContain(WuxiPlant, text);
    }

    [Fact]
    public async Task AnUnknownTableIsRefusedAndAnEnterpriseCannotOpenThePage()
    {
        var officials = await RoundAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await officials["suzhou"].Client.GetAsync("/Officials/Recommendations?handler=Xlsx&table=all")).StatusCode);

        var enterprise = _app.Browser();
        await Builders.RegisterAsync(enterprise, 9);
        var response = await enterprise.Client.GetAsync("/Officials/Recommendations");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(SuzhouPlant, await response.Content.ReadAsStringAsync());
    }
}
