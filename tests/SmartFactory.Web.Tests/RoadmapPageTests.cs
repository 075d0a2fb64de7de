using System.Net;
using SmartFactory.Domain;
using static SmartFactory.Web.Tests.ReportBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>The result page's roadmap to the enterprise's own target and what changed since its previous submission (decision 031).</summary>
public sealed class RoadmapPageTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static int ThisYear => BeijingTime.Today(DateTime.UtcNow).Year;

    private async Task<(Browser Browser, int Id)> SubmittedAtAdvancedAsync()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(_app));
        return (browser, await SubmitAsync(browser));
    }

    private static Task<HttpResponseMessage> SaveTargetAsync(Browser browser, int id, Dictionary<string, string> fields) =>
        browser.PostAsync($"/Assessments/Result/{id}", $"/Assessments/Result/{id}?handler=Roadmap", fields);

    private static string Beside(AngleSharp.Html.Dom.IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-testid=roadmap-form] [data-field={field}]")!.TextContent.Trim();

    [Fact]
    public async Task RefusesABadTargetBesideEachFieldKeepsWhatWasTypedAndSavesNothing()
    {
        var (browser, id) = await SubmittedAtAdvancedAsync();

        var response = await SaveTargetAsync(browser, id, new()
        {
            ["tier"] = "banana", ["year"] = "1999", ["aiFlagCost"] = "0", ["step8"] = "十", ["step9"] = "3",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal("请选择目标等级。", Beside(page, "tier"));
        Assert.Equal($"目标年份须为 {ThisYear}–{ThisYear + 10} 之间的年份。", Beside(page, "year"));
        Assert.Equal("成本估计须为 1–9999 之间的整数。", Beside(page, "aiFlagCost"));
        Assert.Equal("成本估计须为 1–9999 之间的整数。", Beside(page, "step8"));
        Assert.Equal("", Beside(page, "step9"));
        Assert.Equal("十", page.QuerySelector("input[name=step8]")!.GetAttribute("value"));
        Assert.Equal("1999", page.QuerySelector("input[name=year]")!.GetAttribute("value"));
        Assert.Contains("未保存", page.QuerySelector("[data-testid=roadmap-refused]")!.TextContent);
        Assert.Equal(0, _app.Query(db => db.RoadmapTargets.Count()));
    }

    [Fact]
    public async Task SavesTheTargetAndShowsEachYearsMilestoneOnThePageAndInThePdf()
    {
        var (browser, id) = await SubmittedAtAdvancedAsync();
        var before = await browser.GetAsync($"/Assessments/Result/{id}");
        Assert.NotNull(before.QuerySelector("[data-testid=roadmap-none]"));

        var response = await SaveTargetAsync(browser, id, new()
        {
            ["tier"] = "leading", ["year"] = $"{ThisYear + 2}", ["aiFlagCost"] = "2", ["step8"] = "5", ["step9"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.GetAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector("[data-testid=roadmap-saved]"));
        Assert.Equal($"发展路线图：{ThisYear + 2} 年达到领航级", page.QuerySelector("[data-testid=roadmap-heading]")!.TextContent.Trim());
        var milestones = page.QuerySelectorAll("[data-testid=milestone] > strong").Select(m => m.TextContent.Trim()).ToList();
        Assert.Equal(2, milestones.Count);
        Assert.StartsWith($"{ThisYear + 1} 年：达到卓越级（本年代价 ", milestones[0]);
        Assert.StartsWith($"{ThisYear + 2} 年：达到领航级（本年代价 ", milestones[1]);
        Assert.Contains("从先进级出发，按本企业的成本估计，最小总代价", page.QuerySelector("[data-testid=roadmap-summary]")!.TextContent);
        Assert.Equal("5", page.QuerySelector("input[name=step8]")!.GetAttribute("value"));
        var saved = _app.Query(db => db.RoadmapTargets.Single());
        Assert.Equal((5, ThisYear + 2, 2, "8:5"), (saved.Tier, saved.Year, saved.AiFlagCost, saved.StepCosts));

        var pdf = PdfText(await DownloadAsync(browser, $"/Assessments/Result/{id}?handler=Pdf", "application/pdf"));
        AssertContainsAll(pdf, $"发展路线图：{ThisYear + 2} 年达到领航级", milestones[0], milestones[1], "从先进级出发");
    }

    [Fact]
    public async Task AFirstSubmissionSaysThereIsNothingToCompareWith()
    {
        var (browser, id) = await SubmittedAtAdvancedAsync();

        var page = await browser.GetAsync($"/Assessments/Result/{id}");

        Assert.Equal("这是本企业的首次提交，暂无可比较的上次结果。", page.QuerySelector("[data-testid=changes-first]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=changes-scenarios]"));
        var pdf = PdfText(await DownloadAsync(browser, $"/Assessments/Result/{id}?handler=Pdf", "application/pdf"));
        AssertContainsAll(pdf, "与上次提交相比", "这是本企业的首次提交，暂无可比较的上次结果。");
    }

    [Fact]
    public async Task TheNextSubmissionShowsEachScenarioAndStageThatChanged()
    {
        var (browser, _) = await SubmittedAtAdvancedAsync();
        var catalog = Builders.Catalog(_app);
        await browser.PostAsync("/Assessments", "/Assessments/History?handler=NewRound", []);
        (await Builders.UploadDtEvidenceAsync(browser)).EnsureSuccessStatusCode();
        (await Builders.RateAsync(browser, catalog, 8, "excellent", ai: true)).EnsureSuccessStatusCode();
        (await Builders.RateAsync(browser, catalog, 9, "none")).EnsureSuccessStatusCode();
        var second = await SubmitAsync(browser);

        var page = await browser.GetAsync($"/Assessments/Result/{second}");

        Assert.Null(page.QuerySelector("[data-testid=changes-first]"));
        var rows = page.QuerySelectorAll("[data-testid=changes-scenarios] tbody tr").Select(r => Squeeze(r.TextContent)).ToList();
        Assert.Equal([Squeeze($"8. {catalog.Find(8)!.Name} 提升 先进级 → 卓越级（AI）"), Squeeze($"9. {catalog.Find(9)!.Name} 取消 先进级 → 未建设")], rows);
        var stage = catalog.Find(8)!.Stage;
        var stageRow = page.QuerySelectorAll("[data-testid=changes-stages] tbody tr").Single(r => r.Children[0].TextContent == stage);
        Assert.Equal("changed", stageRow.ClassName);
        Assert.Contains("先进级 → 卓越级", stageRow.Children[2].TextContent);
        var reference = page.QuerySelector("[data-testid=changes-reference]")!.TextContent.Trim();
        Assert.Contains("参考等级 先进级 → ", reference);

        // The PDF says the same, in the same words.
        var pdf = PdfText(await DownloadAsync(browser, $"/Assessments/Result/{second}?handler=Pdf", "application/pdf"));
        AssertContainsAll(pdf, "与上次提交相比", reference, "场景变化", $"8. {catalog.Find(8)!.Name}", "先进级 → 卓越级（AI）", $"9. {catalog.Find(9)!.Name}", "先进级 → 未建设", $"{stage}（有变化）");
    }
}
