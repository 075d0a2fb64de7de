using System.Net;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ReportBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Issue 14, plain words and guidance, as the enterprise and the official read them: the basis of each number in the
/// rule set's words, the AI gate as a share, the DT score as entered (PostgreSQL hands back 72.00), the guide page.
/// </summary>
public sealed class PlainWordsPageTests
{
    private static readonly string[] OldWords = ["种子数据", "占位值", "推断", "72.0"];

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TheResultPagePdfAndOfficialViewSayTheBasisInPlainWordsAndTheScoreAsEntered(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        var enterprise = app.Browser();
        await Builders.RegisterAsync(enterprise, 1);
        var catalog = Builders.Catalog(app);
        await Builders.CompleteAtAsync(enterprise, catalog, Tier.Excellent, "72", "3");
        (await Builders.RateAsync(enterprise, catalog, 9, "excellent", ai: true)).EnsureSuccessStatusCode();
        var id = await SubmitAsync(enterprise);
        var counting = catalog.Scenarios.Count(s => s.IsDefined(Tier.Excellent));
        var needed = (int)Math.Ceiling(0.2m * counting);
        string[] expected = [
            "72 分", "系统默认值，待正式口径公布", "省级文件（自评价参考）", "国家、省级公开文件",
            $"达到卓越级的 {counting} 个场景中至少 20 %（{needed} 个）应用人工智能",
            "达到领航级的场景中至少 60 % 应用人工智能（目前没有场景达到领航级）"];

        var page = Browser.Text(await enterprise.GetAsync($"/Assessments/Result/{id}"));
        var pdf = PdfText(await DownloadAsync(enterprise, $"/Assessments/Result/{id}?handler=Pdf", "application/pdf"));
        var official = await Seed.OfficialAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        var officials = Browser.Text(await official.GetAsync($"/Officials/Submission/{id}"));

        foreach (var text in new[] { page, officials })
        {
            Assert.All(expected, e => Assert.Contains(e, text));
            Assert.All(OldWords, old => Assert.DoesNotContain(old, text));
        }
        AssertContainsAll(pdf, expected);
        Assert.All(OldWords, old => Assert.DoesNotContain(old, pdf));
    }

    [Fact]
    public async Task TheGuideExplainsStepsGatesEvidenceAndTheDeadlineWithTheRuleSetsNumbers()
    {
        using var app = new AppFactory();
        var enterprise = app.Browser();
        await Builders.RegisterAsync(enterprise, 1);
        Seed.Round(app, closesInDays: 30);

        var overview = await enterprise.GetAsync("/Assessments");
        var link = overview.QuerySelector("[data-testid=guide-link]")!.GetAttribute("href");
        var response = await enterprise.Client.GetAsync(link);
        var page = Browser.Text(await Browser.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("填报指南", page);
        Assert.Contains("一、填报步骤", page);
        Assert.Contains("80 分（省级文件（自评价参考））", page);
        Assert.Contains("20 %（国家、省级公开文件）", page);
        Assert.Contains("达到卓越级的场景有 15 个时，其中至少 3 个", page);
        Assert.Contains("系统默认值，待正式口径公布", page);
        Assert.Contains("数字化转型评估得分不低于 90 分的，建议对照领航级评价。", page);
        Assert.Contains("三、证据材料", page);
        Assert.Matches(@"开始受理，截至 \d{4}-\d\d-\d\d，还剩 \d+ 天", page);
        Assert.NotNull(overview.QuerySelector("header nav a[href='/Assessments/Guide']"));
    }

    [Fact]
    public async Task TheStagePageShowsEachScenariosHelpFromTheCatalog()
    {
        using var app = new AppFactory();
        var enterprise = app.Browser();
        await Builders.RegisterAsync(enterprise, 1);
        var catalog = Builders.Catalog(app);
        var stage = catalog.Stages.ToList().IndexOf("生产作业") + 1;

        var page = await enterprise.GetAsync($"/Assessments/Stage/{stage}");

        var help = page.QuerySelectorAll("#s-24 details[data-testid=scenario-help]").Single();
        var scenario = catalog.Find(24)!;
        Assert.Contains(scenario.Help.Meaning, help.TextContent);
        Assert.Contains(scenario.Help.EvidenceAt(Tier.Advanced)!, help.TextContent);
        Assert.Contains(scenario.Help.Examples[0], help.TextContent);
        Assert.Equal(catalog.InStage("生产作业").Count(), page.QuerySelectorAll("details[data-testid=scenario-help]").Length);
    }
}
