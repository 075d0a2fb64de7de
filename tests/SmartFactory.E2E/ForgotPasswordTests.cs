using System.Text.RegularExpressions;
using SmartFactory.Web.Tests;

namespace SmartFactory.E2E;

/// <summary>The app with mail on, sending to a real SMTP server on loopback; links in mails are paths (no public address set).</summary>
public sealed class MailFixture : E2EFixture
{
    public MailFixture() : this(new SmtpSink())
    {
    }

    private MailFixture(SmtpSink smtp) : base(new AppServer { Settings = smtp.Settings.Where(s => s.Key.StartsWith("Mail:", StringComparison.Ordinal)).ToDictionary() }) => Smtp = smtp;

    public SmtpSink Smtp { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

/// <summary>忘记密码 in a real browser on a phone: the mail arrives, its link sets a new password, the new password signs in.</summary>
public sealed partial class ForgotPasswordTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    [Fact]
    public async Task AUserWhoForgotThePasswordSetsANewOneFromTheMailAndSignsIn()
    {
        var page = await fixture.NewPageAsync(390, 844);
        // The first request of a fresh app on a loaded machine may take longer than a step's 15 seconds.
        await page.GotoAsync("/Account/Login", new() { Timeout = 90_000 });
        var login = await Steps.RegisterAsync(page, "忘记密码测试企业");
        await page.GotoAsync("/Team/Users");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "修改我的密码" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "企业用户 scrolls sideways at 390 px");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^退出") }).ClickAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "忘记密码？" }).ClickAsync();
        await page.GetByLabel("登录账号").FillAsync(login);
        await page.GetByRole(AriaRole.Button, new() { Name = "发送重设链接" }).ClickAsync();
        await Expect(page.GetByTestId("answer")).ToContainTextAsync("30 分钟内有效");
        Assert.True(await page.EvaluateAsync<bool>(Steps.NoSidewaysScroll), "忘记密码 scrolls sideways at 390 px");

        await SmtpSink.WaitUntilAsync(() => fixture.Smtp.To(login).Count == 1, "the reset mail");
        var link = MailedLink().Match(fixture.Smtp.To(login).Single().TextBody ?? "").Value;
        await page.GotoAsync(link);
        await Expect(page.GetByText(login)).ToBeVisibleAsync();
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("Renewed2026x");
        await page.GetByLabel("确认新密码").FillAsync("Renewed2026x");
        await page.GetByRole(AriaRole.Button, new() { Name = "设置新密码" }).ClickAsync();
        await Expect(page.GetByTestId("done")).ToContainTextAsync("密码已重设");

        await page.GetByTestId("done").GetByRole(AriaRole.Link, new() { Name = "登录" }).ClickAsync();
        await page.GetByLabel("登录账号").FillAsync(login);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Renewed2026x");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^退出") })).ToBeVisibleAsync();

        await page.GotoAsync(link);
        await Expect(page.GetByTestId("invalid")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/Account/Reset\?token=[0-9a-f]+")]
    private static partial Regex MailedLink();
}
