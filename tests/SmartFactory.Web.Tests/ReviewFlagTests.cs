using AngleSharp.Html.Dom;
using SmartFactory.Domain;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>What a reviewer is told to look at twice on an enterprise's page: jumps, copied evidence, top ratings without evidence.</summary>
public sealed class ReviewFlagTests : IDisposable
{
    private const string SharedEvidence = "我们建成了覆盖全厂的MES系统，实现生产过程实时监控与追溯。";

    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AJumpOfTwoTiersSinceThePreviousSubmissionIsFlaggedButOneTierIsNot()
    {
        var jumper = Seed.Enterprise(_app, 1, Seed.HuqiuCounty, "跃升企业有限公司");
        Seed.Submission(_app, jumper, Tier.Workshop, DateTime.UtcNow.AddDays(-400));
        Seed.Submission(_app, jumper, Tier.Advanced);
        var climber = Seed.Enterprise(_app, 2, Seed.HuqiuCounty, "稳步企业有限公司");
        Seed.Submission(_app, climber, Tier.Basic, DateTime.UtcNow.AddDays(-400));
        Seed.Submission(_app, climber, Tier.Advanced);
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var flagged = Flags(await official.GetAsync($"/Officials/Enterprise/{jumper}"));
        var steady = Flags(await official.GetAsync($"/Officials/Enterprise/{climber}"));

        Assert.Equal("参考等级较上次提交跃升 2 级（智能车间 → 先进级）。", flagged["jump"]);
        Assert.DoesNotContain("jump", steady.Keys);
        var latest = _app.Query(db => db.Assessments.Single(a => a.EnterpriseId == jumper && a.IsLatest).Id);
        Assert.Contains("jump", Flags(await official.GetAsync($"/Officials/Submission/{latest}")).Keys);
    }

    [Fact]
    public async Task EvidenceTextCopiedFromAnotherEnterpriseIsFlaggedEvenWithDifferentSpacing()
    {
        var first = Seed.Enterprise(_app, 1, Seed.KunshanCounty, "原创企业有限公司");
        Seed.Submission(_app, first, Tier.Advanced, evidence: s => s.No == 8 ? SharedEvidence : null);
        var other = Seed.Enterprise(_app, 3, Seed.HuqiuCounty, "独立企业有限公司");
        Seed.Submission(_app, other, Tier.Advanced, evidence: s => s.No == 8 ? "独立企业自行建设的MES系统说明。" : null);
        var copier = _app.Browser();
        var code = await Builders.RegisterAsync(copier, 2);
        var catalog = Builders.Catalog(_app);
        await Builders.CompleteAtAdvancedAsync(copier, catalog);
        var tier = Tiers.All.Last(t => t <= Tier.Advanced && catalog.Find(8)!.IsDefined(t));
        (await Builders.RateAsync(copier, catalog, 8, tier.Code(), evidence: "我们建成了覆盖全厂的 MES 系统，\n实现生产过程实时监控与追溯。 ")).EnsureSuccessStatusCode();
        await copier.PostAsync("/Assessments/Submit", null, Builders.Pledge());
        var copierId = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        var official = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        var copied = Flags(await official.GetAsync($"/Officials/Enterprise/{copierId}"));
        var original = Flags(await official.GetAsync($"/Officials/Enterprise/{first}"));
        var independent = Flags(await official.GetAsync($"/Officials/Enterprise/{other}"));

        Assert.Equal("1 个场景的建设说明与其他 1 家企业的说明完全相同：场景 8。", copied["copied-evidence"]);
        Assert.Equal("1 个场景的建设说明与其他 1 家企业的说明完全相同：场景 8。", original["copied-evidence"]);
        Assert.DoesNotContain("copied-evidence", independent.Keys);
    }

    [Fact]
    public async Task LeadingRatingsWithoutEvidenceAreFlagged()
    {
        var bare = Seed.Enterprise(_app, 1, Seed.HuqiuCounty, "无说明领航企业有限公司");
        Seed.Submission(_app, bare, Tier.Leading);
        var documented = Seed.Enterprise(_app, 2, Seed.HuqiuCounty, "有说明领航企业有限公司");
        Seed.Submission(_app, documented, Tier.Leading, evidence: s => $"有说明领航企业：{s.Name}已全面建成并持续运行。");
        var leading = _app.Query(db => db.Ratings.Count(r => r.Level == 5)) / 2;
        Assert.True(leading > 0);
        var official = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);

        var flags = Flags(await official.GetAsync($"/Officials/Enterprise/{bare}"));

        Assert.StartsWith($"{leading} 个场景评为领航级却没有任何说明或附件：场景 ", flags["top-without-evidence"]);
        Assert.DoesNotContain("top-without-evidence", Flags(await official.GetAsync($"/Officials/Enterprise/{documented}")).Keys);
    }

    private static Dictionary<string, string> Flags(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-flag]").ToDictionary(li => li.GetAttribute("data-flag")!, li => li.TextContent);
}
