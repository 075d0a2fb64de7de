using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>What the stage and submit pages show and refuse.</summary>
public sealed class StagePageTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task Undefined_tiers_cannot_be_picked_and_the_recommended_tier_is_highlighted_once_a_DT_score_is_in()
    {
        var page = await fixture.NewPageAsync();
        await Steps.RegisterAsync(page, "无锡端到端装备有限公司");

        await page.GotoAsync("/Assessments/Stage/1");
        var first = page.Locator("#s-1");
        await Expect(first.Locator("legend")).ToContainTextAsync("工厂数字化规划设计");
        // 智能车间 and 基础级 are "/" for scenario 1: shown, but with nothing to pick.
        await Expect(first.Locator("input[type=radio][value=workshop]")).ToHaveCountAsync(0);
        await Expect(first.Locator("input[type=radio][value=basic]")).ToHaveCountAsync(0);
        var undefinedCells = first.Locator(".tier.undefined");
        await Expect(undefinedCells).ToHaveCountAsync(2);
        await Expect(undefinedCells.Nth(0)).ToContainTextAsync("智能车间");
        await Expect(undefinedCells.Nth(0)).ToContainTextAsync("未定义");
        await Expect(undefinedCells.Nth(1)).ToContainTextAsync("基础级");
        await Expect(undefinedCells.Nth(1)).ToContainTextAsync("未定义");
        await Expect(first.GetByRole(AriaRole.Radio)).ToHaveCountAsync(4);
        await Expect(first.GetByRole(AriaRole.Radio, new() { Name = "先进级" })).ToBeEnabledAsync();
        // Nothing is recommended before a DT score is entered.
        await Expect(page.Locator(".tier.recommended")).ToHaveCountAsync(0);
        await Expect(page.Locator(".hint").First).ToContainTextAsync("填写数字化转型评估得分后");
        await Steps.ShotAsync(page, "stage-01-no-dt-score");

        await page.GotoAsync("/Assessments");
        await Steps.EnterDtScoreAsync(page, "75");

        await page.GotoAsync("/Assessments/Stage/1");
        var scenarios = await page.Locator("section.scenario").CountAsync();
        // One highlighted cell per scenario, in the 先进级 column, labelled as the suggestion.
        await Expect(page.Locator(".tier.recommended")).ToHaveCountAsync(scenarios);
        await Expect(first.Locator(".tier.recommended #s1-advanced")).ToHaveCountAsync(1);
        await Expect(first.Locator(".tier.recommended .tier-name")).ToHaveTextAsync("先进级（建议）");
        await Expect(page.Locator(".hint").First).ToContainTextAsync("建议对照“先进级”一列评价");
        await Expect(page.Locator("[data-preview=recommendedTier]")).ToHaveTextAsync("先进级");
        await Steps.ShotAsync(page, "stage-02-recommended");
    }

    [Fact]
    public async Task An_incomplete_assessment_lists_what_is_missing_and_cannot_be_submitted()
    {
        var page = await fixture.NewPageAsync();
        await Steps.RegisterAsync(page, "常州端到端机械有限公司");
        await page.GotoAsync("/Assessments/Stage/4");
        await Steps.RateAsync(page, 8, "basic");

        await page.GotoAsync("/Assessments/Submit");
        var missing = page.Locator("section.missing");
        await Expect(missing.GetByRole(AriaRole.Heading, new() { Name = "还需完善" })).ToBeVisibleAsync();
        await Expect(missing.Locator("li")).ToContainTextAsync([
            "数字化转型评估得分未填写",
            "数字化转型评估日期未填写",
            "数字化转型评估的证明材料未上传",
            "智能制造能力成熟度等级未填写",
            "还有 39 个场景未评价",
        ]);
        await Expect(missing.GetByRole(AriaRole.Link, new() { Name = "返回继续填写" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "签署承诺并提交" })).ToBeDisabledAsync();
        await Steps.ShotAsync(page, "submit-01-incomplete");

        // Filling in the pledge does not get round it.
        await page.GetByLabel("承诺人").FillAsync("赵六");
        await page.GetByLabel("我已阅读并同意上述真实性承诺").CheckAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "签署承诺并提交" })).ToBeDisabledAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Assessments/Submit$"));
    }
}
