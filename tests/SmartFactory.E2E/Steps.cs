using System.Text.RegularExpressions;
using SmartFactory.Domain.Enterprises;

namespace SmartFactory.E2E;

/// <summary>What a user of an enterprise does in the browser, step by step, and the screenshots kept of it.</summary>
public static class Steps
{
    private static int _enterprises;

    /// <summary>A valid Jiangsu credit code (GB 32100 check character included) registered in <paramref name="county"/>.</summary>
    public static string CreditCodeFor(string county, int n)
    {
        var first17 = $"91{county}MA1{n:D5}0";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>Registers a new enterprise through the form and lands on the self-assessment; returns its login.</summary>
    public static async Task<string> RegisterAsync(IPage page, string name, string? screenshot = null)
    {
        var n = Interlocked.Increment(ref _enterprises);
        var login = $"e2e{n}@example.cn";
        await page.GotoAsync("/Account/Register");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "企业注册" })).ToBeVisibleAsync();
        await page.GetByLabel("统一社会信用代码").FillAsync(CreditCodeFor("320505", n));
        await page.GetByLabel("企业名称").FillAsync(name);
        await page.GetByLabel("所在设区市 / 区县").SelectOptionAsync("320505");
        await page.GetByLabel("所属行业").SelectOptionAsync("38");
        await page.GetByLabel("企业规模").SelectOptionAsync("2");
        await page.GetByLabel("规模以上工业企业（规上）").CheckAsync();
        await page.GetByLabel("联系人").FillAsync("王工");
        await page.GetByLabel("联系电话").FillAsync("0512-66668888");
        await page.GetByLabel("登录账号（邮箱或手机号）").FillAsync(login);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Factory2026");
        await page.GetByLabel("确认密码").FillAsync("Factory2026");
        if (screenshot is not null)
        {
            await ShotAsync(page, screenshot);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "注册并开始自评估" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(AssessmentsUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("年度自评估");
        return login;
    }

    /// <summary>
    /// Does <paramref name="change"/> to an autosaving form and waits until the server has answered and the page shows it saved.
    /// Waiting for the answer before the next change keeps the saves of one form in order.
    /// </summary>
    public static async Task SavedAsync(IPage page, ILocator form, string handler, Func<Task> change)
    {
        await page.RunAndWaitForResponseAsync(change, r => r.Request.Method == "POST" && r.Url.Contains($"handler={handler}", StringComparison.Ordinal));
        await Expect(form).ToHaveAttributeAsync("data-save-state", "saved");
        await Expect(page.Locator("[data-save-status]")).ToContainTextAsync("已保存");
    }

    /// <summary>The overview's DT/CMMM/basic-requirements form.</summary>
    public static ILocator BasicsForm(IPage page) => page.Locator("form[data-autosave]").Filter(new() { Has = page.GetByLabel("数字化转型评估得分") });

    /// <summary>Types the DT score and leaves the field (a number field saves when it is left).</summary>
    public static Task EnterDtScoreAsync(IPage page, string score) =>
        SavedAsync(page, BasicsForm(page), "Basics", async () =>
        {
            await page.GetByLabel("数字化转型评估得分").FillAsync(score);
            await page.GetByLabel("数字化转型评估得分").PressAsync("Tab");
        });

    /// <summary>The form of one scenario on a stage page.</summary>
    public static ILocator ScenarioForm(IPage page, int no) => page.Locator($"#s-{no} form[data-autosave]");

    /// <summary>Picks a tier (or "none") for a scenario and waits for its save.</summary>
    public static async Task RateAsync(IPage page, int no, string level)
    {
        var form = ScenarioForm(page, no);
        await SavedAsync(page, form, "Rate", () => page.Locator($"#s{no}-{level}").CheckAsync());
        await Expect(form.Locator(".state")).ToHaveTextAsync("已评价");
    }

    public static Regex AssessmentsUrl(string rest = "") => new($"/Assessments{Regex.Escape(rest)}$");

    /// <summary>The repository root: the folder that holds SmartFactory.slnx.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartFactory.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("SmartFactory.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Keeps a full-page screenshot as artifacts/e2e/{name}.png.</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoRoot(), "artifacts", "e2e");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>A small but real PDF (one empty page, with a correct cross-reference table).</summary>
    public static string WritePdf(string folder, string fileName)
    {
        Directory.CreateDirectory(folder);
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        };
        var text = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(text.Length);
            text.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = text.Length;
        text.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append($"{offset:D10} 00000 n \n");
        }
        text.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text.ToString(), System.Text.Encoding.ASCII);
        return path;
    }
}
