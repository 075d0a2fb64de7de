using System.Globalization;
using System.Text.RegularExpressions;
using SmartFactory.Domain;

namespace SmartFactory.E2E;

/// <summary>
/// The rule library in the browser (issue 11): a system administrator loads a stricter version, reads its diff, simulates
/// it over the province and publishes it; the enterprise whose open draft it regrades is told, once.
/// </summary>
public sealed class RuleLibraryTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    private const string EnterpriseName = "苏州虎丘端到端规则变更测试有限公司";
    private const string AdminName = "规则库管理员";
    private const string Password = "Rules2026x";

    private static int _admins;

    private static string Round => BeijingTime.Of(DateTime.UtcNow).Year.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_administrator_loads_simulates_and_publishes_a_stricter_version_and_the_enterprise_with_a_draft_is_told()
    {
        // 先进级 with the 11 scenarios of Steps.Advanced, submitted; the next draft, copied from it, stays open.
        var enterprise = await fixture.NewPageAsync();
        await Steps.RegisterAsync(enterprise, EnterpriseName);
        await Steps.SubmitAdvancedAssessmentAsync(enterprise, Path.Combine(fixture.App.Folder, "upload-" + Guid.NewGuid().ToString("N")));
        await enterprise.GotoAsync("/Assessments");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "开始下一轮自评估" }).ClickAsync();
        await Expect(enterprise.Locator("[data-preview=referenceLevel]")).ToHaveTextAsync("先进级");
        await Expect(enterprise.GetByTestId("ruleset-notice")).ToHaveCountAsync(0);

        var admin = await SignedInAdminAsync();
        var errors = ConsoleErrors(admin);
        await Expect(admin.GetByTestId("in-force")).ToHaveTextAsync("JS-2026 版本 2026.1");
        await RuleLibrarySteps.UploadAsync(fixture, admin, "2026.2", advancedScenarios: 12);
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已载入为草稿");
        await Expect(admin.GetByTestId("state")).ToHaveTextAsync("草稿");
        var diff = admin.GetByTestId("diff").Locator("tbody tr");
        await Expect(diff).ToHaveCountAsync(1);
        await Expect(diff.Locator("th")).ToContainTextAsync("先进级");
        await Expect(diff.Locator("td")).ToHaveTextAsync(["10（占位值）", "12（公开通知）"]);
        await Steps.ShotAsync(admin, "rules-01-draft-diff");

        // The runner is held at its first progress save, so the bar is on screen while the simulation runs.
        using (var gate = new SimulationGate(fixture.App.Folder))
        {
            gate.Close();
            await admin.GetByLabel("范围").SelectOptionAsync(new SelectOptionValue { Label = "全省" });
            await admin.GetByRole(AriaRole.Button, new() { Name = "开始模拟" }).ClickAsync();
            await Expect(admin).ToHaveURLAsync(new Regex(@"/Admin/Simulation\?id=\d+$"));
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("政策模拟：JS-2026@2026.2 · 江苏省");
            var progress = admin.GetByTestId("progress");
            await Expect(progress.GetByRole(AriaRole.Progressbar, new() { Name = "模拟进度" })).ToBeVisibleAsync();
            await admin.WaitForResponseAsync(r => r.Url.Contains("handler=Progress", StringComparison.Ordinal) && r.Ok);
            await Expect(progress.GetByRole(AriaRole.Status)).ToHaveTextAsync("进行中 0/1");
            await Steps.ShotAsync(admin, "rules-02-simulation-running");
            gate.Open();
            // The page reloads itself once the progress it polls says done.
            await Expect(admin.GetByTestId("matrix")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            Assert.True(gate.Held > 0, "the simulation was not held: the result may have been there before the bar");
        }
        await Expect(admin.GetByTestId("progress")).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("summary")).ToHaveTextAsync("共 1 份最新提交：升级 0，降级 1，不变 0。");
        // Row 先进级 (the fourth), column 基础级 (the third): the one submission moves down a level.
        await Expect(admin.GetByTestId("matrix").Locator("tbody tr").Nth(3).Locator("td")).ToHaveTextAsync(["0", "0", "1", "0", "0", "0"]);
        await Expect(admin.GetByTestId("goal")).ToContainTextAsync("家规上企业");
        var changed = admin.GetByTestId("changed").Locator("tbody tr");
        await Expect(changed).ToHaveCountAsync(1);
        await Expect(changed.Locator("th")).ToHaveTextAsync(EnterpriseName);
        await Expect(changed.Locator("td")).ToHaveTextAsync([new Regex("虎丘区"), new Regex("^先进级$"), new Regex("^基础级$")]);
        var export = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Link, new() { Name = "导出全部（.xlsx）" }).ClickAsync());
        Assert.Matches(@"^政策模拟-\d+-等级变化企业\.xlsx$", export.SuggestedFilename);
        await Steps.ShotAsync(admin, "rules-03-simulation-result");

        await admin.GetByRole(AriaRole.Link, new() { Name = "← 规则集 JS-2026@2026.2" }).ClickAsync();
        await Expect(admin.GetByTestId("simulations")).ToContainTextAsync("江苏省 · 已完成");
        await Expect(admin.GetByLabel("自哪一年度的评估起适用")).ToHaveValueAsync(Round);
        await admin.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("done")).ToHaveTextAsync("已发布。");
        await Expect(admin.GetByTestId("state")).ToHaveTextAsync($"已发布，{Round} 年起适用");
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true })).ToHaveCountAsync(0);
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "撤回发布" })).ToBeVisibleAsync();
        await Steps.ShotAsync(admin, "rules-04-published");

        await admin.GetByRole(AriaRole.Link, new() { Name = "← 规则库" }).ClickAsync();
        await Expect(admin.GetByTestId("in-force")).ToHaveTextAsync("JS-2026 版本 2026.2");
        await Expect(admin.GetByTestId("rulesets").GetByRole(AriaRole.Row).Filter(new() { HasText = "JS-2026@2026.2" })).ToContainTextAsync($"已发布（{Round} 年起）");
        await Expect(admin.GetByTestId("library-audit").GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync($"{AdminName}library.published");
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // The enterprise's draft is graded by 2026.2 now, and its overview says so until it is acknowledged.
        await enterprise.ReloadAsync();
        var notice = enterprise.GetByTestId("ruleset-notice");
        await Expect(notice.GetByRole(AriaRole.Heading, new() { Name = "评级规则已更新" })).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("本草稿原按规则集 JS-2026 版本 2026.1 评级，现按 JS-2026 版本 2026.2 评级。");
        await Expect(notice.GetByTestId("level-now")).ToHaveTextAsync("基础级");
        await Expect(notice).ToContainTextAsync("（原规则下为 先进级）");
        await notice.GetByText("变化的规则（1 项）").ClickAsync();
        await Expect(notice.Locator("li")).ToHaveTextAsync(new Regex("先进级.*：10 → 12$"));
        await Steps.ShotAsync(enterprise, "rules-05-enterprise-notice");
        await notice.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();
        await Expect(enterprise).ToHaveURLAsync(Steps.AssessmentsUrl());
        await Expect(enterprise.GetByTestId("ruleset-notice")).ToHaveCountAsync(0);
        await Expect(enterprise.Locator("[data-preview=referenceLevel]")).ToHaveTextAsync("基础级");
        await enterprise.ReloadAsync();
        await Expect(enterprise.GetByTestId("ruleset-notice")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_library_a_loaded_version_and_its_simulation_fit_a_phone()
    {
        var admin = await SignedInAdminAsync(390, 844);
        var errors = ConsoleErrors(admin);
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "规则库", Exact = true })).ToBeVisibleAsync();
        await AssertFitsAsync(admin, "rules-phone-01-library");

        // 13 scenarios differs from whichever version the other test has left in force.
        await RuleLibrarySteps.UploadAsync(fixture, admin, "2026.9", advancedScenarios: 13);
        await Expect(admin.GetByTestId("diff")).ToBeVisibleAsync();
        await AssertFitsAsync(admin, "rules-phone-02-version");

        await admin.GetByRole(AriaRole.Button, new() { Name = "开始模拟" }).ClickAsync();
        await Expect(admin.GetByTestId("matrix")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await AssertFitsAsync(admin, "rules-phone-03-simulation");

        // The audit list now has its longest words (simulation.finished, the version key) unbroken in a narrow column.
        await admin.GotoAsync("/Admin");
        await Expect(admin.GetByTestId("library-audit")).ToContainTextAsync("simulation.finished");
        await AssertFitsAsync(admin, "rules-phone-04-library-with-audit");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static async Task AssertFitsAsync(IPage page, string screenshot)
    {
        await Steps.ShotAsync(page, screenshot);
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll),
            $"{page.Url} scrolls sideways on a phone: {await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")} > {page.ViewportSize!.Width}");
    }

    /// <summary>A system administrator made with the web program's create-admin --system, signed in through the form: lands on the library.</summary>
    private async Task<IPage> SignedInAdminAsync(int width = 1280, int height = 900)
    {
        var login = $"rules{Interlocked.Increment(ref _admins)}@js.gov.cn";
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SmartFactory.Web.Data.AdminCommands.RunAsync(
            ["create-admin", "--login", login, "--name", AdminName, "--password", Password, "--system", "--connection", $"Data Source={Path.Combine(fixture.App.Folder, "app.db")}"],
            output, error);
        Assert.True(exit == 0, $"create-admin failed ({exit}): {error}");
        Assert.Contains("已创建系统管理员", output.ToString(), StringComparison.Ordinal);

        var page = await fixture.NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("登录账号").FillAsync(login);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Admin$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"退出（{AdminName}）" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Script errors and CSP refusals as the console reports them (the browser's own favicon request aside).</summary>
    private static List<string> ConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.Contains("/favicon.ico", StringComparison.Ordinal)) errors.Add($"{m.Text} {m.Location}");
        };
        return errors;
    }
}
