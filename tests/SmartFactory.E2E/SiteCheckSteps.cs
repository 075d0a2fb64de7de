using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>现场核查 in the browser (decision 026): the province creates an expert from another city and assigns them; the expert records the visit.</summary>
public static class SiteCheckSteps
{
    public const string ExpertName = "吴教授";

    /// <summary>One scenario whose tier the experts find different from the self-assessment, and why.</summary>
    public sealed record Adjustment(int Scenario, string Level, string Reason);

    /// <summary>
    /// From the province's page of an application 初审通过: creates and assigns an expert of 无锡市, who accepts the
    /// invitation and records a passing check with a report — confirming every tier, or adjusting the one of
    /// <paramref name="adjust"/>; the province's page then shows it. Each call needs its own <paramref name="expertLogin"/>.
    /// </summary>
    public static async Task RecordPassingCheckAsync(E2EFixture e2e, IPage province, string enterprise, string expertLogin = "wu@jiangnan.edu.cn", string expertName = ExpertName, Adjustment? adjust = null)
    {
        var application = province.Url;
        await province.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "专家库" }).ClickAsync();
        await Expect(province).ToHaveURLAsync(new Regex("/Officials/Experts$"));
        await province.GetByLabel("姓名", new() { Exact = true }).FillAsync(expertName);
        await province.GetByLabel("登录账号（邮箱或手机号）").FillAsync(expertLogin);
        await province.GetByLabel("所在设区市", new() { Exact = true }).SelectOptionAsync("320200");
        await province.GetByLabel("熟悉的行业（可多选）").SelectOptionAsync(["38", "34"]);
        await province.GetByLabel("工作单位").FillAsync("江南大学");
        await province.GetByRole(AriaRole.Button, new() { Name = "创建并生成邀请链接" }).ClickAsync();
        var invitation = province.Locator("code.invitation");
        await Expect(invitation).ToHaveTextAsync(new Regex(@"/Account/Accept\?token=[0-9a-f]{48}$"));
        await Expect(OfficialSteps.Row(province, expertLogin)).ToContainTextAsync("无锡市");
        await Steps.ShotAsync(province, "sitecheck-01-expert-pool");
        var expert = await e2e.NewPageAsync();
        await OfficialSteps.AcceptAsync(expert, await invitation.TextContentAsync() ?? "", expertName, "Jiangnan2026x", landing: "/Experts");

        await province.GotoAsync(application);
        var experts = province.GetByLabel("专家（熟悉企业所属行业的排在前面）");
        var option = await experts.Locator("option").Filter(new() { HasText = expertName }).GetAttributeAsync("value");
        await experts.SelectOptionAsync(option!);
        await province.GetByRole(AriaRole.Button, new() { Name = "指派", Exact = true }).ClickAsync();
        await Expect(province.GetByTestId("assigned")).ToContainTextAsync(expertName);
        await Steps.ShotAsync(province, "sitecheck-02-assigned");

        await expert.GotoAsync("/Experts");
        await expert.GetByRole(AriaRole.Link, new() { Name = enterprise }).ClickAsync();
        await Expect(expert.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(enterprise);
        await expert.GetByLabel("核查日期").FillAsync(DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd"));
        await expert.GetByLabel("核查组成员（姓名、单位）").FillAsync($"{expertName}（江南大学）");
        await expert.GetByLabel("核查意见").FillAsync("现场查看生产线与系统运行，与申报一致。");
        if (adjust is not null)
        {
            await expert.GetByLabel($"场景 {adjust.Scenario} 核查结果").SelectOptionAsync(new SelectOptionValue { Label = $"调整为{adjust.Level}" });
            await expert.GetByLabel($"场景 {adjust.Scenario} 调整理由").FillAsync(adjust.Reason);
        }
        await expert.GetByRole(AriaRole.Radio, new() { Name = "通过", Exact = true }).CheckAsync();
        await expert.GetByLabel("现场核查报告（PDF 或 Office 文档）").SetInputFilesAsync(new FilePayload
        {
            Name = "现场核查报告.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray(),
        });
        await Steps.ShotAsync(expert, "sitecheck-03-expert-form");
        await expert.GetByRole(AriaRole.Button, new() { Name = "提交现场核查记录" }).ClickAsync();
        await Expect(expert.GetByTestId("confirmed-level")).ToHaveTextAsync("先进级");
        await Steps.ShotAsync(expert, "sitecheck-04-expert-recorded");
        await expert.Context.CloseAsync();

        await province.ReloadAsync();
        await Expect(province.GetByTestId("confirmed-level")).ToHaveTextAsync("先进级");
        await Expect(province.GetByTestId("site-check-passed")).ToHaveTextAsync("通过");
    }
}
