namespace SmartFactory.E2E;

/// <summary>The stage page on a phone, used with the keyboard alone.</summary>
public sealed class PhoneTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task Stage_page_fits_a_phone_and_can_be_rated_with_the_keyboard()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await Steps.RegisterAsync(page, "南京端到端电子科技有限公司", screenshot: "phone-01-register");
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "the overview scrolls sideways on a phone");
        await Steps.ShotAsync(page, "phone-02-assessment");

        // 生产管理: the stage with the most scenarios and all five tiers.
        await page.GotoAsync("/Assessments/Stage/4");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "生产管理" })).ToBeVisibleAsync();
        await Steps.ShotAsync(page, "phone-03-stage-4");
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll),
            $"the stage page scrolls sideways on a phone: {await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")} > 390");

        // Tab from the top of the page to the first tier of scenario 8, then Space to pick it.
        var reached = false;
        for (var i = 0; i < 60 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.id === 's8-workshop'");
        }
        Assert.True(reached, "Tab never reached the first tier of scenario 8");
        var form = Steps.ScenarioForm(page, 8);
        await Steps.SavedAsync(page, form, "Rate", () => page.Keyboard.PressAsync("Space"));
        await Expect(page.Locator("#s8-workshop")).ToBeCheckedAsync();
        await Expect(form.Locator(".state")).ToHaveTextAsync("已评价");
        await Expect(page.Locator("[data-preview=rated]")).ToHaveTextAsync("1");

        // An arrow key moves to the next tier, and that is saved too.
        await Steps.SavedAsync(page, form, "Rate", () => page.Keyboard.PressAsync("ArrowDown"));
        await Expect(page.Locator("#s8-basic")).ToBeCheckedAsync();
        await Expect(page.Locator("#s8-basic")).ToBeFocusedAsync();
        await Steps.ShotAsync(page, "phone-04-stage-4-keyboard");

        await page.ReloadAsync();
        await Expect(page.Locator("#s8-basic")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-preview=rated]")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "the stage page scrolls sideways after rating");
    }
}
