namespace SmartFactory.E2E;

/// <summary>Issue 14, guidance: a scenario's help opened on a phone, the guide page, and printing the result without the site's chrome.</summary>
public sealed class GuidanceTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    /// <summary>The elements that reach past the right edge of the screen, for the failure message.</summary>
    private const string WiderThanTheScreen = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))
          .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).join(', ')
        """;

    private static string Artifact(string name)
    {
        var folder = Path.Combine(Steps.RepoRoot(), "artifacts", "e2e");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    [Fact]
    public async Task A_scenarios_help_opens_beside_it_on_a_phone()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await Steps.RegisterAsync(page, "苏州端到端指引电子有限公司");

        await page.GotoAsync("/Assessments/Stage/5");
        var help = page.Locator("#s-24 details[data-testid=scenario-help]");
        var evidence = help.Locator("dd").Filter(new() { HasText = "机器视觉" });
        await Expect(evidence).ToBeHiddenAsync();

        await help.Locator("summary").ClickAsync();

        await Expect(help).ToHaveAttributeAsync("open", "");
        await Expect(evidence).ToBeVisibleAsync();
        await Expect(help.Locator("dt")).ToHaveTextAsync(["智能车间", "基础级", "先进级", "卓越级", "领航级"]);
        await Expect(help).ToContainTextAsync("典型做法");
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "the stage page with a help open scrolls sideways on a phone");
        await help.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Artifact("guidance-01-help-phone.png") });

        await help.GetByRole(AriaRole.Link, new() { Name = "填报指南" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "填报指南", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#evidence")).ToContainTextAsync("证据材料");
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "the guide scrolls sideways on a phone: " + await page.EvaluateAsync<string>(WiderThanTheScreen));
        await Steps.ShotAsync(page, "guidance-02-guide-phone");
    }

    [Fact]
    public async Task The_printed_result_has_no_navigation_and_keeps_the_gate_tables()
    {
        var page = await fixture.NewPageAsync();
        await Steps.RegisterAsync(page, "无锡端到端打印装备有限公司");
        await Steps.SubmitAdvancedAssessmentAsync(page, Path.Combine(fixture.App.Folder, "upload-" + Guid.NewGuid().ToString("N")));
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Expect(nav).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.Locator("header.top")).ToBeHiddenAsync();
        await Expect(page.Locator("footer.foot")).ToBeHiddenAsync();
        await Expect(page.Locator("main button:visible, main .button:visible")).ToHaveCountAsync(0);
        await Expect(page.Locator("table.gates").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("reference-level")).ToHaveTextAsync("先进级");
        await Expect(page.Locator("table.gates").First).ToContainTextAsync("系统默认值，待正式口径公布");
        var pdf = await page.PdfAsync(new() { Format = "A4", Path = Artifact("guidance-03-result-print.pdf") });
        Assert.True(pdf.Length > 10 * 1024, "the printed result is nearly empty");

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(nav).ToBeVisibleAsync();
    }
}
