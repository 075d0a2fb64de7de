using System.Net;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>The roadmap target through the API (decision 031): the same checks and the same plan as the result page.</summary>
public sealed class ApiRoadmapTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static int ThisYear => BeijingTime.Today(DateTime.UtcNow).Year;

    private static string Url(ApiEnterprise e) => $"/api/v1/enterprises/{e.Id}/roadmap";

    [Fact]
    public async Task BeforeTheFirstSubmissionThereIsNoPlanAndNoTargetIsSaved()
    {
        var e = await EnterpriseAsync(_app, 1);

        var read = await JsonAsync(await e.Api.GetAsync(Url(e)));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("submissionId").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("target").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("plan").ValueKind);

        var refused = await ProblemAsync(await PutJsonAsync(e.Api, Url(e), new { tier = "excellent", year = ThisYear + 1 }), HttpStatusCode.Conflict, Conflict);
        Assert.Equal("尚无已提交的自评估：提交后才能按目标等级规划路线图。", Detail(refused));
        Assert.Equal(0, _app.Query(db => db.RoadmapTargets.Count()));
    }

    [Fact]
    public async Task SavesTheTargetAndAnswersThePlanSplitIntoYearlyMilestones()
    {
        var e = await EnterpriseAsync(_app, 1);
        var submitted = await SubmitAdvancedAsync(_app, e);

        var saved = await JsonAsync(await PutJsonAsync(e.Api, Url(e), new { tier = "leading", year = ThisYear + 2, aiFlagCost = 2, stepCosts = new Dictionary<string, int> { ["8"] = 5 } }));

        Assert.Equal(submitted.GetProperty("id").GetInt32(), saved.GetProperty("submissionId").GetInt32());
        var target = saved.GetProperty("target");
        Assert.Equal(("leading", ThisYear + 2, 2, 5), (target.GetProperty("tier").GetString(), target.GetProperty("year").GetInt32(),
            target.GetProperty("aiFlagCost").GetInt32(), target.GetProperty("stepCosts").GetProperty("8").GetInt32()));
        var plan = saved.GetProperty("plan");
        Assert.Equal(("leading", "advanced", false), (plan.GetProperty("target").GetString(), plan.GetProperty("from").GetString(), plan.GetProperty("scenariosReached").GetBoolean()));
        var milestones = plan.GetProperty("milestones").EnumerateArray().ToList();
        Assert.Equal([(ThisYear + 1, "excellent"), (ThisYear + 2, "leading")], milestones.Select(m => (m.GetProperty("year").GetInt32(), m.GetProperty("tier").GetString())).ToList());
        Assert.Equal(plan.GetProperty("cost").GetInt32(), milestones.Sum(m => m.GetProperty("cost").GetInt32()));
        var upgrades = plan.GetProperty("upgrades").EnumerateArray().ToList();
        Assert.NotEmpty(upgrades);
        // Scenario 8's steps are priced at 5 by the enterprise, every other step and AI flag at 1 or 2 as saved.
        var priced = upgrades.Sum(u => u.GetProperty("steps").GetInt32() * (u.GetProperty("no").GetInt32() == 8 ? 5 : 1)) + 2 * plan.GetProperty("aiFlags").GetArrayLength();
        Assert.Equal(priced, plan.GetProperty("cost").GetInt32());
        var row = _app.Query(db => db.RoadmapTargets.Single());
        Assert.Equal((5, ThisYear + 2, 2, "8:5"), (row.Tier, row.Year, row.AiFlagCost, row.StepCosts));

        var again = await JsonAsync(await e.Api.GetAsync(Url(e)));
        Assert.Equal(plan.GetProperty("cost").GetInt32(), again.GetProperty("plan").GetProperty("cost").GetInt32());
        var page = await e.Browser.GetAsync($"/Assessments/Result/{submitted.GetProperty("id").GetInt32()}");
        Assert.Equal($"发展路线图：{ThisYear + 2} 年达到领航级", page.QuerySelector("[data-testid=roadmap-heading]")!.TextContent.Trim());
    }

    [Fact]
    public async Task RefusesEveryBadFieldAtItsPathAndSavesNothing()
    {
        var e = await EnterpriseAsync(_app, 1);
        await SubmitAdvancedAsync(_app, e);

        var problem = await ProblemAsync(await PutJsonAsync(e.Api, Url(e), new { tier = "banana", year = 1999, aiFlagCost = 0, stepCosts = new Dictionary<string, int> { ["8"] = 0, ["99"] = 3 } }),
            HttpStatusCode.BadRequest, Invalid);

        Assert.Equal(
            [("$.tier", "请选择目标等级。"), ("$.year", $"目标年份须为 {ThisYear}–{ThisYear + 10} 之间的年份。"), ("$.aiFlagCost", "成本估计须为 1–9999 之间的整数。"),
                ("$.stepCosts.8", "成本估计须为 1–9999 之间的整数。"), ("$.stepCosts.99", "场景目录中没有场景 99。")],
            Errors(problem));
        await ProblemAsync(await PutJsonAsync(e.Api, Url(e), new { tier = "excellent" }), HttpStatusCode.BadRequest, Invalid);
        Assert.Equal(0, _app.Query(db => db.RoadmapTargets.Count()));
    }

    [Fact]
    public async Task AnotherEnterpriseOrAnOfficialCannotReadOrSetIt()
    {
        var e = await EnterpriseAsync(_app, 1);
        await SubmitAdvancedAsync(_app, e);
        var other = await EnterpriseAsync(_app, 2);
        var official = Official(_app, Role.CountyOfficial, "320505");

        foreach (var stranger in new[] { other.Api, official })
        {
            await ProblemAsync(await stranger.GetAsync(Url(e)), HttpStatusCode.NotFound, NotFound);
            await ProblemAsync(await PutJsonAsync(stranger, Url(e), new { tier = "excellent", year = ThisYear + 1 }), HttpStatusCode.NotFound, NotFound);
        }
        Assert.Equal(0, _app.Query(db => db.RoadmapTargets.Count()));
    }
}
