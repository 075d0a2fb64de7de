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

    /// <summary>Rated at 先进级: ten or more scenarios, covering 生产管理, 生产作业 and 运营管理; all others "未建设".</summary>
    public static readonly IReadOnlySet<int> Advanced = new HashSet<int> { 8, 9, 10, 11, 20, 21, 22, 23, 24, 31, 33 };

    /// <summary>A script that is true when the page does not scroll sideways (the phone layout's first promise).</summary>
    public const string NoSidewaysScroll = "() => document.scrollingElement.scrollWidth <= window.innerWidth";

    public const int StageCount = 8;

    public const int ScenarioCount = 40;

    /// <summary>The four basic requirements on the overview.</summary>
    public static ILocator Requirements(IPage page) => page.Locator("input[name='Input.Attested']");

    /// <summary>The overview's basics of an enterprise at 先进级: DT score 75 on 2026-03-15, CMMM level 2, all four basic requirements met; each saved as it is changed.</summary>
    public static async Task FillBasicsAsync(IPage page)
    {
        var basics = BasicsForm(page);
        await EnterDtScoreAsync(page, "75");
        await Expect(page.Locator("[data-preview=recommendedTier]")).ToHaveTextAsync("先进级");
        await SavedAsync(page, basics, "Basics", () => page.GetByLabel("评估日期", new() { Exact = true }).FillAsync("2026-03-15"));
        await SavedAsync(page, basics, "Basics", async () => await page.GetByLabel("智能制造能力成熟度等级").SelectOptionAsync("2"));
        var requirements = Requirements(page);
        await Expect(requirements).ToHaveCountAsync(4);
        for (var i = 0; i < 4; i++)
        {
            await SavedAsync(page, basics, "Basics", () => requirements.Nth(i).CheckAsync());
        }
    }

    /// <summary>Uploads a real PDF as the DT report from the overview and waits until the reloaded overview lists it.</summary>
    public static async Task UploadDtReportAsync(IPage page, string folder)
    {
        var pdf = WritePdf(folder, "数字化转型评估报告.pdf");
        var dtUpload = page.Locator("form.upload").Filter(new() { Has = page.GetByLabel("数字化转型评估报告") });
        await page.GetByLabel("数字化转型评估报告").SetInputFilesAsync(pdf);
        await dtUpload.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(AssessmentsUrl());
        await Expect(page.Locator("form.upload").Filter(new() { Has = page.GetByLabel("数字化转型评估报告") }).GetByRole(AriaRole.Link, new() { Name = "数字化转型评估报告.pdf" })).ToBeVisibleAsync();
    }

    /// <summary>On the submit page of a complete assessment at 先进级: signs the pledge, submits and lands on the result.</summary>
    public static async Task SignPledgeAndSubmitAsync(IPage page, string? screenshot = null)
    {
        await Expect(page).ToHaveURLAsync(AssessmentsUrl("/Submit"));
        await Expect(page.Locator("section.missing")).ToHaveCountAsync(0);
        await Expect(page.Locator(".notice")).ToContainTextAsync("所有必填项均已完成");
        await Expect(page.Locator(".notice strong")).ToHaveTextAsync("先进级");
        await page.GetByLabel("承诺人").FillAsync("李明");
        await page.GetByLabel("职务").FillAsync("总经理");
        await Expect(page.GetByLabel("承诺日期")).Not.ToHaveValueAsync("");
        await page.GetByLabel("我已阅读并同意上述真实性承诺").CheckAsync();
        if (screenshot is not null)
        {
            await ShotAsync(page, screenshot);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "签署承诺并提交" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Assessments/Result/\d+$"));
        await Expect(page.GetByTestId("reference-level")).ToHaveTextAsync("先进级");
    }

    /// <summary>
    /// From a freshly registered enterprise's overview to a submitted assessment at 先进级. The basics, the upload and the
    /// pledge are done by hand; the 40 ratings are posted through each stage page's own rating forms with the page's fetch,
    /// as its autosave would (<see cref="Advanced"/> at 先进级, the rest 未建设, <paramref name="overrides"/> as given).
    /// </summary>
    public static async Task SubmitAdvancedAssessmentAsync(IPage page, string uploadFolder, IReadOnlyDictionary<int, string>? overrides = null)
    {
        await FillBasicsAsync(page);
        await UploadDtReportAsync(page, uploadFolder);
        var levels = Enumerable.Range(1, ScenarioCount).ToDictionary(
            no => no.ToString(System.Globalization.CultureInfo.InvariantCulture),
            no => overrides?.GetValueOrDefault(no) ?? (Advanced.Contains(no) ? "advanced" : "none"));
        for (var stage = 1; stage <= StageCount; stage++)
        {
            await page.GotoAsync($"/Assessments/Stage/{stage}");
            var refused = await page.EvaluateAsync<string[]>(PostRatings, levels);
            Assert.Empty(refused);
        }
        await page.ReloadAsync();
        await Expect(page.Locator("[data-preview=rated]")).ToHaveTextAsync(ScenarioCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-preview=referenceLevel]")).ToHaveTextAsync("先进级");
        await page.GetByRole(AriaRole.Link, new() { Name = "检查并提交" }).Last.ClickAsync();
        await SignPledgeAndSubmitAsync(page);
    }

    /// <summary>Posts every rating form of a stage page in turn, as the autosave does; returns what the server refused.</summary>
    private const string PostRatings = """
        async levels => {
          const token = document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
          const refused = [];
          for (const form of document.querySelectorAll('section.scenario form[data-autosave]')) {
            const data = new FormData(form);
            data.set('level', levels[data.get('no')]);
            const response = await fetch(form.action, {
              method: 'POST', body: data, credentials: 'same-origin',
              headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': token }
            });
            const body = await response.json().catch(() => ({}));
            if (!response.ok || !body.saved) refused.push(`场景 ${data.get('no')}: ${response.status} ${body.message ?? ''}`);
          }
          return refused;
        }
        """;

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
