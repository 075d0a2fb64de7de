using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>What an official does in the browser: signing in, inviting the officials below, accepting an invitation, deciding on an application.</summary>
public static class OfficialSteps
{
    /// <summary>Signs in through the login form and lands on the officials' enterprise list (or <paramref name="landing"/>; null: anywhere but the login page).</summary>
    public static async Task LoginAsync(IPage page, string login, string password, string? landing = "/Officials")
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("登录账号").FillAsync(login);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        if (landing is null)
        {
            await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
        }
        else
        {
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(landing) + "$"));
        }
    }

    /// <summary>Creates an official for <paramref name="division"/> on /Officials/Users; returns the one-time invitation link shown.</summary>
    public static async Task<string> InviteAsync(IPage page, string division, string name, string login, string? screenshot = null)
    {
        await page.GotoAsync("/Officials");
        await page.GetByRole(AriaRole.Link, new() { Name = "官员账号" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Officials/Users$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新建下级官员账号" })).ToBeVisibleAsync();
        await page.GetByLabel("所属地区").SelectOptionAsync(division);
        await page.GetByLabel("姓名").FillAsync(name);
        await page.GetByLabel("登录账号（邮箱或手机号）").FillAsync(login);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建并生成邀请链接" }).ClickAsync();
        var invitation = page.Locator("code.invitation");
        await Expect(invitation).ToHaveTextAsync(new Regex(@"/Account/Accept\?token=[0-9a-f]{48}$"));
        await Expect(Row(page, login)).ToContainTextAsync("已邀请，待设置密码");
        if (screenshot is not null)
        {
            await ShotAsync(page, screenshot);
        }
        return (await invitation.TextContentAsync())!.Trim();
    }

    /// <summary>Opens the invitation link, sets the password and lands, signed in, on the officials' pages.</summary>
    public static async Task AcceptAsync(IPage page, string link, string name, string password, string? screenshot = null, string landing = "/Officials")
    {
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "接受邀请" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync($"{name}，您好");
        await page.GetByLabel("设置密码").FillAsync(password);
        await page.GetByLabel("确认密码").FillAsync(password);
        if (screenshot is not null)
        {
            await ShotAsync(page, screenshot);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "设置密码并登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(landing) + "$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"退出（{name}）" })).ToBeVisibleAsync();
    }

    /// <summary>The table rows that mention <paramref name="text"/>: an official by login, an application by enterprise.</summary>
    public static ILocator Row(IPage page, string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    /// <summary>Goes from the applications list to the enterprise's application in <paramref name="state"/> with the row's link (办理 or 查看).</summary>
    public static async Task OpenApplicationAsync(IPage page, string enterprise, string link, string state, string? screenshot = null)
    {
        await page.GotoAsync("/Officials/Applications");
        var row = Row(page, enterprise).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = state, Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        if (screenshot is not null)
        {
            await ShotAsync(page, screenshot);
        }
        await row.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Officials/Application/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(enterprise);
    }

    /// <summary>The holder's decision form on an application page.</summary>
    public static ILocator DecisionForm(IPage page) =>
        page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "提交办理意见" }) });

    /// <summary>
    /// Picks <paramref name="action"/> (推荐, 退回, 初审通过 …; null keeps the one checked), types the comment, batch year and
    /// 文号 when given, and submits.
    /// </summary>
    public static async Task DecideAsync(IPage page, string? action, string? comment, int? batchYear = null, string? documentNo = null)
    {
        var form = DecisionForm(page);
        if (action is not null)
        {
            await form.GetByRole(AriaRole.Radio, new() { Name = action, Exact = true }).CheckAsync();
        }
        if (comment is not null)
        {
            await form.GetByLabel("意见（退回时必填）").FillAsync(comment);
        }
        if (batchYear is int year)
        {
            await form.GetByLabel("认定批次年度").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (documentNo is not null)
        {
            await form.GetByLabel("认定文号（必填）").FillAsync(documentNo);
        }
        await form.GetByRole(AriaRole.Button, new() { Name = "提交办理意见" }).ClickAsync();
    }

    /// <summary>The application's state as its timeline heading shows it.</summary>
    public static ILocator State(IPage page) => page.GetByTestId("application-state");

    private static Task ShotAsync(IPage page, string name) => Steps.ShotAsync(page, name);
}
