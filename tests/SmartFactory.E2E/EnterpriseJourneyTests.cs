using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>A new enterprise from registration to a submitted self-assessment at 先进级, as its user sees it.</summary>
public sealed class EnterpriseJourneyTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task New_enterprise_reaches_advanced_level_and_gets_a_plan_to_excellent()
    {
        var page = await fixture.NewPageAsync();
        await Steps.RegisterAsync(page, "苏州端到端精密制造有限公司", screenshot: "journey-01-register");
        await Steps.ShotAsync(page, "journey-02-assessment-empty");

        // The overview: DT score, its date, CMMM level and the four basic requirements, each saved as it is changed.
        await Steps.FillBasicsAsync(page);

        // The DT report, a real PDF, uploaded as evidence.
        await Steps.UploadDtReportAsync(page, Path.Combine(fixture.App.Folder, "upload"));

        // The upload kept the page as it was (no reload); after one, what was typed and the file are still there.
        await page.ReloadAsync();
        await Expect(page.Locator("form.upload").GetByRole(AriaRole.Link, new() { Name = "数字化转型评估报告.pdf" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("数字化转型评估得分")).ToHaveValueAsync(new Regex(@"^75(\.0+)?$"));
        await Expect(page.GetByLabel("评估日期", new() { Exact = true })).ToHaveValueAsync("2026-03-15");
        await Expect(page.GetByLabel("智能制造能力成熟度等级")).ToHaveValueAsync("2");
        var requirements = Steps.Requirements(page);
        for (var i = 0; i < 4; i++)
        {
            await Expect(requirements.Nth(i)).ToBeCheckedAsync();
        }
        await Steps.ShotAsync(page, "journey-03-assessment-basics");

        // Every stage, in order, through the pager; each scenario is saved on its own as it is rated.
        await page.GetByRole(AriaRole.Link, new() { Name = "工厂建设" }).ClickAsync();
        var rated = 0;
        for (var stage = 1; stage <= Steps.StageCount; stage++)
        {
            await Expect(page).ToHaveURLAsync(Steps.AssessmentsUrl($"/Stage/{stage}"));
            await Expect(page.Locator(".crumbs")).ToContainTextAsync($"环节 {stage} / {Steps.StageCount}");
            var ids = await page.Locator("section.scenario").EvaluateAllAsync<string[]>("sections => sections.map(s => s.id)");
            Assert.NotEmpty(ids);
            foreach (var no in ids.Select(id => int.Parse(id["s-".Length..])))
            {
                await Steps.RateAsync(page, no, Steps.Advanced.Contains(no) ? "advanced" : "none");
                rated++;
                await Expect(page.Locator("dd").Filter(new() { Has = page.Locator("[data-preview=rated]") })).ToHaveTextAsync(new Regex($@"^\s*{rated}\s*/\s*{Steps.ScenarioCount}\s*$"));
                await Expect(page.Locator("progress[data-preview=progress]")).ToHaveJSPropertyAsync("value", rated);
            }
            if (stage == 5)
            {
                // A written explanation is saved too, after a short pause in typing.
                var form = Steps.ScenarioForm(page, 20);
                await Steps.SavedAsync(page, form, "Rate", () => form.GetByLabel("建设情况说明（证据）").FillAsync("三条柔性产线支持 30 分钟内换型。"));
                await Steps.ShotAsync(page, "journey-04-stage-5-rated");

                // A reload shows the saved rating and explanation.
                await page.ReloadAsync();
                await Expect(page.Locator("#s20-advanced")).ToBeCheckedAsync();
                await Expect(page.Locator("#s25-none")).ToBeCheckedAsync();
                await Expect(Steps.ScenarioForm(page, 20).GetByLabel("建设情况说明（证据）")).ToHaveValueAsync("三条柔性产线支持 30 分钟内换型。");
                await Expect(Steps.ScenarioForm(page, 20).Locator(".state")).ToHaveTextAsync("已评价");
            }
            if (stage < Steps.StageCount)
            {
                await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^下一环节") }).ClickAsync();
            }
        }
        Assert.Equal(Steps.ScenarioCount, rated);
        await Expect(page.Locator("[data-preview=referenceLevel]")).ToHaveTextAsync("先进级");

        // The overview counts every stage as done.
        await page.GotoAsync("/Assessments");
        await Expect(page.Locator(".stages li .count")).ToHaveTextAsync(["3 / 3", "2 / 2", "2 / 2", "12 / 12", "10 / 10", "4 / 4", "3 / 3", "4 / 4"]);

        // Submit: nothing missing, the pledge signed.
        await page.GotoAsync("/Assessments/Stage/8");
        await page.GetByRole(AriaRole.Link, new() { Name = "检查并提交" }).Last.ClickAsync();
        await Steps.SignPledgeAndSubmitAsync(page, screenshot: "journey-05-submit");

        // The result.
        var gates = page.Locator("table.gates");
        await Expect(gates).ToHaveCountAsync(5);
        await Expect(gates.Nth(2).Locator("caption")).ToHaveTextAsync("先进级：✓ 全部满足");
        await Expect(gates.Nth(3).Locator("caption")).ToHaveTextAsync("卓越级：✗ 未全部满足");
        await Expect(gates.Nth(2).Locator("tbody tr.fail")).ToHaveCountAsync(0);
        await Expect(page.Locator("svg.radar")).ToBeVisibleAsync();
        await Expect(page.Locator("svg.radar text")).ToHaveCountAsync(Steps.StageCount);
        await Expect(page.Locator("svg.radar text").Nth(3)).ToContainTextAsync("生产管理");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "升级到卓越级的路径" })).ToBeVisibleAsync();
        var planLinks = page.Locator("ul.plan a");
        Assert.True(await planLinks.CountAsync() > 0, "the plan lists scenarios to upgrade");
        await Expect(planLinks.First).ToHaveAttributeAsync("href", new Regex(@"^#s-\d+$"));
        await Expect(planLinks.First).ToContainTextAsync("场景");
        await Steps.ShotAsync(page, "journey-06-result");

        // A plan link leads to the scenario's row.
        var target = (await planLinks.First.GetAttributeAsync("href"))!;
        await planLinks.First.ClickAsync();
        await Expect(page.Locator(target)).ToBeInViewportAsync();

        // The submission is in the history.
        await page.GetByRole(AriaRole.Link, new() { Name = "历史记录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "已提交" })).ToContainTextAsync("先进级");
        await Steps.ShotAsync(page, "journey-07-history");
    }
}
