using System.Globalization;
using SmartFactory.Domain;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>The peer benchmark on the result page stays hidden until five other enterprises of the group have submitted.</summary>
public sealed class PeerBenchmarkTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ShowsIndustryQuartilesOnlyOnceFiveOtherEnterprisesOfTheIndustryHaveSubmitted()
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, 1);
        var mine = Seed.Submission(_app, _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id), Tier.Advanced);
        string[] elsewhere = ["320214", "320115", "320411", "320312", "320612"];
        var peers = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            peers.Add(Seed.Enterprise(_app, 10 + i, elsewhere[i], industry: "38"));
            Seed.Submission(_app, peers[^1], (Tier)(i + 1));
        }
        Seed.Submission(_app, peers[0], Tier.Leading, DateTime.UtcNow.AddDays(-300));
        Seed.Draft(_app, Seed.Enterprise(_app, 20, elsewhere[4], industry: "38"));
        for (var i = 0; i < 3; i++)
        {
            Seed.Submission(_app, Seed.Enterprise(_app, 30 + i, Seed.KunshanCounty, industry: "36"), Tier.Basic);
        }

        var hidden = Browser.Text(await browser.GetAsync($"/Assessments/Result/{mine}"));

        Assert.Contains("同行业：已提交的其他企业不足 5 家（当前 4 家），暂不显示对标。", hidden);
        Assert.Contains("同设区市：已提交的其他企业不足 5 家（当前 3 家），暂不显示对标。", hidden);

        peers.Add(Seed.Enterprise(_app, 14, elsewhere[4], industry: "38"));
        Seed.Submission(_app, peers[^1], Tier.Leading);
        var page = await browser.GetAsync($"/Assessments/Result/{mine}");

        var indexes = _app.Query(db => db.Assessments.Where(a => a.IsLatest && peers.Contains(a.EnterpriseId)).Select(a => a.Index!.Value).ToList()).Order().ToArray();
        Assert.Equal(5, indexes.Length);
        Assert.Equal(5, indexes.Distinct().Count());
        var own = _app.Query(db => db.Assessments.Single(a => a.Id == mine).Index!.Value);
        var table = page.QuerySelectorAll("section.peers table").Single();
        Assert.StartsWith($"同行业（5 家企业）：本企业建设指数 {own.ToString("0.0", CultureInfo.InvariantCulture)}，", table.QuerySelector("caption")!.TextContent);
        var row = table.QuerySelectorAll("tbody tr").First();
        Assert.Equal("建设指数", row.QuerySelector("th")!.TextContent);
        var shown = row.QuerySelectorAll("td").Select(td => double.Parse(td.TextContent, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(own, shown[0], 0.05);
        double[] expected = [indexes[0], indexes[1], indexes[2], indexes[3], indexes[4]];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], shown[i + 1], 0.05);
        }
        Assert.Contains("同设区市：已提交的其他企业不足 5 家（当前 3 家）", Browser.Text(page));
        Assert.Equal(1 + Builders.Catalog(_app).Stages.Count, table.QuerySelectorAll("tbody tr").Length);
    }
}
