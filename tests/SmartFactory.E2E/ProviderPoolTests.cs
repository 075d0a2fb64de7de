using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>
/// The 服务商资源池 in the browser (issue 14 part 6): a provider fills its profile, an enterprise finds it beside an item of
/// its upgrade plan and grants it, and the provider then acts and sees the enterprise's name on every page.
/// </summary>
public sealed class ProviderPoolTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task A_provider_found_beside_a_plan_item_is_granted_and_then_acts_under_the_enterprises_name(int width, int height, string device)
    {
        var organisation = $"苏州{device}智造服务有限公司";
        var enterpriseName = $"苏州{device}资源池精密机械有限公司";

        var provider = await fixture.NewPageAsync(width, height);
        await provider.GotoAsync("/Account/RegisterProvider");
        await provider.GetByLabel("服务机构名称").FillAsync(organisation);
        await provider.GetByLabel("姓名").FillAsync("顾问小王");
        await provider.GetByLabel("登录账号（邮箱或手机号）").FillAsync($"pool-{device}@example.cn");
        await provider.GetByLabel("密码").FillAsync("Factory2026");
        await provider.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(new Regex("/Providers$"));

        await provider.GetByRole(AriaRole.Link, new() { Name = "资源池资料" }).ClickAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "保存资料" }).ClickAsync();
        await Expect(provider.Locator("[data-valmsg-for=Introduction]")).ToHaveTextAsync("请填写机构简介。");
        await provider.GetByLabel("机构简介").FillAsync("专注离散制造的设备联网、生产管控与质量追溯。");
        foreach (var offer in await provider.Locator("select[name^=Offers]").AllAsync())
        {
            await offer.SelectOptionAsync("leading");
        }
        await provider.GetByLabel("苏州市").CheckAsync();
        await provider.GetByLabel("标题（40 字以内）").First.FillAsync("120 台设备三个月联网");
        await provider.GetByLabel("企业类型（如：汽车零部件 · 中型）").First.FillAsync("汽车零部件 · 中型");
        await provider.GetByLabel("说明（5 行、300 字以内）").First.FillAsync("完成设备联网与数据采集。\n停机时间下降 15%。");
        await provider.GetByRole(AriaRole.Button, new() { Name = "保存资料" }).ClickAsync();
        await Expect(provider.GetByTestId("profile-saved")).ToBeVisibleAsync();
        Assert.True(await provider.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "the profile page scrolls sideways");
        await Steps.ShotAsync(provider, $"pool-{device}-01-profile");

        var enterprise = await fixture.NewPageAsync(width, height);
        await Steps.RegisterAsync(enterprise, enterpriseName);
        await Steps.SubmitAdvancedAssessmentAsync(enterprise, Path.Combine(fixture.App.Folder, "upload-" + Guid.NewGuid().ToString("N")));
        var suggestions = enterprise.GetByTestId("pool-suggestions");
        await Expect(suggestions).ToContainTextAsync("达到卓越级");
        var link = suggestions.GetByRole(AriaRole.Link, new() { Name = organisation }).First;
        await Expect(link).ToBeVisibleAsync();
        await Expect(suggestions).ToContainTextAsync("服务本市");
        Assert.True(await enterprise.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "the result page scrolls sideways");
        await link.ScrollIntoViewIfNeededAsync();
        await Steps.ShotAsync(enterprise, $"pool-{device}-02-plan");

        await link.ClickAsync();
        await Expect(enterprise.GetByTestId("pool-provider")).ToHaveTextAsync(organisation);
        await Expect(enterprise.Locator("main")).ToContainTextAsync("120 台设备三个月联网");
        await enterprise.GetByTestId("pool-grant").ClickAsync();
        await Expect(enterprise.GetByTestId("pool-granted")).ToBeVisibleAsync();
        Assert.True(await enterprise.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "the provider's pool page scrolls sideways");
        await Steps.ShotAsync(enterprise, $"pool-{device}-03-granted");

        await provider.GotoAsync("/Providers");
        await provider.GetByRole(AriaRole.Row).Filter(new() { HasText = enterpriseName }).GetByRole(AriaRole.Button, new() { Name = "代为填报" }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(Steps.AssessmentsUrl());
        var banner = provider.GetByTestId("acting-banner");
        await Expect(banner).ToContainTextAsync($"正在代 {enterpriseName} 填报");
        await Expect(banner).ToBeInViewportAsync();
        Assert.True(await provider.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "the acting banner makes the page scroll sideways");
        await Steps.ShotAsync(provider, $"pool-{device}-04-acting");
        await provider.GotoAsync("/Assessments/Stage/5");
        await Expect(banner).ToContainTextAsync($"正在代 {enterpriseName} 填报");

        await banner.GetByRole(AriaRole.Button, new() { Name = "结束代填，回到我的服务商账号" }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(new Regex("/Providers$"));
        await Expect(provider.GetByTestId("acting-banner")).ToHaveCountAsync(0);
    }
}
