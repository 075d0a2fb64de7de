using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>Issue 14 part 1 (decision 029): what the enterprise types, picks or uploads is never silently lost.</summary>
public sealed class DraftEntryTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    private string Uploads => Path.Combine(fixture.App.Folder, "upload");

    /// <summary>Records every leave-page question the browser asks, and answers it (stay or leave).</summary>
    private static List<string> AnswerLeavePage(IPage page, bool leave)
    {
        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Type);
            await (leave ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        return asked;
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task A_slip_in_one_basics_field_leaves_every_other_field_saved_and_is_shown_unsaved_beside_the_field(int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        await Steps.RegisterAsync(page, $"常州录入{width}智能装备有限公司");
        var basics = Steps.BasicsForm(page);
        await Steps.FillBasicsAsync(page);

        var score = page.GetByLabel("成熟度得分（可选）");
        await page.RunAndWaitForResponseAsync(async () =>
        {
            await score.FillAsync("65");
            await score.PressAsync("Tab");
        }, r => r.Request.Method == "POST" && r.Url.Contains("handler=Basics", StringComparison.Ordinal));

        var beside = basics.Locator("[data-valmsg-for='Input.CmmmScore']");
        await Expect(beside).ToHaveTextAsync("未保存：智能制造能力成熟度得分应在 0–5 之间，实际为 65。");
        await Expect(score).ToHaveClassAsync(new Regex(@"\bunsaved\b"));
        await Expect(score).ToHaveAttributeAsync("aria-invalid", "true");
        await score.ScrollIntoViewIfNeededAsync();
        await Expect(beside).ToBeInViewportAsync();
        await Expect(page.Locator("[data-save-status]")).ToBeInViewportAsync();
        await Expect(page.Locator("[data-save-status]")).ToContainTextAsync("未保存");
        await Steps.ShotAsync(page, $"entry-01-refused-field-{width}");

        // The fields after the slip save as if it had not happened.
        await Steps.SavedAsync(page, basics, "Basics", async () =>
        {
            await page.GetByLabel("诊断来源（可选）").FillAsync("江苏省智能制造诊断服务中心");
            await page.GetByLabel("诊断来源（可选）").PressAsync("Tab");
        });
        await Steps.SavedAsync(page, basics, "Basics", () => Steps.Requirements(page).Nth(2).UncheckAsync());
        await Steps.SavedAsync(page, basics, "Basics", () => page.GetByLabel("基本要求说明（可选）").FillAsync("近三年无重大安全事故"));
        await Expect(page.Locator("[data-save-status]")).ToContainTextAsync("仍有 1 项未保存");
        await Expect(beside).ToContainTextAsync("未保存");

        // Leaving with the refused value asks first; leaving anyway keeps everything that was saved.
        var asked = AnswerLeavePage(page, leave: true);
        await page.ReloadAsync();
        Assert.Equal(["beforeunload"], asked);
        await Expect(page.GetByLabel("诊断来源（可选）")).ToHaveValueAsync("江苏省智能制造诊断服务中心");
        await Expect(page.GetByLabel("基本要求说明（可选）")).ToHaveValueAsync("近三年无重大安全事故");
        await Expect(Steps.Requirements(page).Nth(2)).Not.ToBeCheckedAsync();
        await Expect(Steps.Requirements(page).Nth(3)).ToBeCheckedAsync();
        await Expect(score).ToHaveValueAsync("");

        // Corrected, it saves and nothing is left unsaved: leaving asks nothing.
        await Steps.SavedAsync(page, basics, "Basics", async () =>
        {
            await score.FillAsync("2.5");
            await score.PressAsync("Tab");
        });
        await page.GotoAsync("/Assessments/Stage/1");
        Assert.Equal(["beforeunload"], asked);
    }

    [Fact]
    public async Task A_click_anywhere_on_a_tier_card_selects_that_tier()
    {
        var page = await fixture.NewPageAsync();
        await Steps.RegisterAsync(page, "无锡卡片选择精密机械有限公司");
        await page.GotoAsync("/Assessments/Stage/1");
        var form = Steps.ScenarioForm(page, 1);

        await Steps.SavedAsync(page, form, "Rate", () => form.Locator("label.tier").Filter(new() { Has = page.Locator("#s1-advanced") }).Locator(".tier-text").ClickAsync());

        await Expect(page.Locator("#s1-advanced")).ToBeCheckedAsync();
        await Expect(form.Locator(".state")).ToHaveTextAsync("已评价");
        await page.ReloadAsync();
        await Expect(page.Locator("#s1-advanced")).ToBeCheckedAsync();
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task A_file_chosen_but_not_uploaded_is_pointed_out_and_asked_about_and_an_upload_error_keeps_the_page_in_place(int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        await Steps.RegisterAsync(page, $"苏州上传{width}新材料有限公司");
        await page.GotoAsync("/Assessments/Stage/5");
        var upload = page.Locator("#s-20 form.upload");
        var input = upload.Locator("input[type=file]");
        // A mark on this page's window: a reload (which puts the page back at its top) would take it away.
        await page.EvaluateAsync("() => window.notReloaded = true");

        await input.SetInputFilesAsync(Steps.WritePdf(Uploads, "换产记录.pdf"));
        await Expect(upload.Locator("[data-upload-message]")).ToHaveTextAsync("已选择“换产记录.pdf”，尚未上传：请点“上传”。");
        var asked = AnswerLeavePage(page, leave: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "下一环节" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Steps.AssessmentsUrl("/Stage/5"));
        Assert.Equal(["beforeunload"], asked);

        await upload.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Expect(upload.GetByRole(AriaRole.Link, new() { Name = "换产记录.pdf" })).ToBeVisibleAsync();
        await Expect(upload.Locator("[data-upload-message]")).ToHaveTextAsync("已上传“换产记录.pdf”。");

        var fake = Path.Combine(Uploads, "伪装.pdf");
        await File.WriteAllTextAsync(fake, "not a pdf");
        await input.SetInputFilesAsync(fake);
        await upload.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Expect(upload.Locator("[data-upload-message]")).ToHaveTextAsync("未上传：文件内容与扩展名不符，请上传真实的 PDF、图片或 Office 文档。");
        await Expect(upload.Locator("[data-upload-message]")).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the upload reloaded the page");
        await Steps.ShotAsync(page, $"entry-02-upload-error-{width}");
        await input.SetInputFilesAsync(Array.Empty<string>());

        // Deleted from the draft without a reload, and gone after one.
        await upload.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await Expect(upload.GetByRole(AriaRole.Link, new() { Name = "换产记录.pdf" })).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.Locator("#s-20 form.upload").GetByRole(AriaRole.Link, new() { Name = "换产记录.pdf" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task After_submitting_the_overview_says_when_and_the_next_round_starts_only_when_asked_with_the_files()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await Steps.RegisterAsync(page, "南通提交状态船舶配套有限公司");
        await Steps.SubmitAdvancedAssessmentAsync(page, Uploads);
        await Expect(page.Locator(".evidence").GetByText("数字化转型评估报告.pdf")).ToBeVisibleAsync();
        var result = page.Url;

        await page.GotoAsync("/Assessments");

        var state = page.GetByTestId("submitted");
        await Expect(state).ToContainTextAsync(new Regex(@"已于 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）提交 \d{4} 年度自评估，参考等级：先进级"));
        await Expect(page.Locator("form[data-autosave]")).ToHaveCountAsync(0);
        await Steps.ShotAsync(page, "entry-03-submitted");
        await state.GetByRole(AriaRole.Link, new() { Name = "查看结果" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(result);
        await page.GoBackAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "开始下一轮自评估" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Steps.AssessmentsUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("年度自评估");
        await Expect(page.Locator("form.upload").GetByRole(AriaRole.Link, new() { Name = "数字化转型评估报告.pdf" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("数字化转型评估得分")).ToHaveValueAsync(new Regex(@"^75(\.0+)?$"));
    }
}
