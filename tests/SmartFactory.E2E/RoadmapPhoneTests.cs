using System.Globalization;
using SmartFactory.Domain;

namespace SmartFactory.E2E;

/// <summary>On a phone, an enterprise at 先进级 sets its own target on the result page and reads the yearly milestones (decision 031).</summary>
public sealed class RoadmapPhoneTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    private static int ThisYear => BeijingTime.Of(DateTime.UtcNow).Year;

    private static string Year(int offset) => (ThisYear + offset).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_enterprise_sets_a_target_on_a_phone_and_sees_one_milestone_per_year()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await Steps.RegisterAsync(page, "无锡端到端路线图科技有限公司");
        await Steps.SubmitAdvancedAssessmentAsync(page, Path.Combine(fixture.App.Folder, "upload-" + Guid.NewGuid().ToString("N")));
        var roadmap = page.GetByTestId("roadmap");
        await Expect(roadmap.GetByTestId("roadmap-none")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("changes-first")).ToBeVisibleAsync();

        // A slip first: the year is refused beside its field and nothing is saved.
        await roadmap.GetByLabel("目标等级").SelectOptionAsync(new SelectOptionValue { Label = "领航级" });
        await roadmap.GetByLabel("目标年份").FillAsync("20");
        await roadmap.GetByRole(AriaRole.Button, new() { Name = "保存目标并生成路线图" }).ClickAsync();
        await Expect(roadmap.Locator("[data-field=year]")).ToHaveTextAsync($"目标年份须为 {Year(0)}–{Year(10)} 之间的年份。");
        await Expect(roadmap.GetByLabel("目标年份")).ToHaveValueAsync("20");

        await roadmap.GetByLabel("目标年份").FillAsync(Year(2));
        await roadmap.GetByRole(AriaRole.Button, new() { Name = "保存目标并生成路线图" }).ClickAsync();

        await Expect(roadmap.GetByTestId("roadmap-saved")).ToBeVisibleAsync();
        await Expect(roadmap.GetByTestId("roadmap-heading")).ToHaveTextAsync($"发展路线图：{Year(2)} 年达到领航级");
        var milestones = roadmap.GetByTestId("milestone").Locator("> strong");
        await Expect(milestones).ToHaveCountAsync(2);
        await Expect(milestones.Nth(0)).ToContainTextAsync($"{Year(1)} 年：达到卓越级");
        await Expect(milestones.Nth(1)).ToContainTextAsync($"{Year(2)} 年：达到领航级");
        await Steps.ShotAsync(page, "phone-roadmap");
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll),
            $"the result page scrolls sideways on a phone: {await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")} > 390");
    }
}
