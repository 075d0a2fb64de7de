using System.Text.Json;

namespace SmartFactory.E2E;

/// <summary>
/// What every main page must pass (issue 14 part 8, decision 034): axe-core finds no serious or critical violation, and on a
/// phone the page does not scroll sideways and the navigation bar is one compact row of unbroken items. Each failure is one
/// line naming the page, the rule and the node, so a list of them says what to fix.
/// </summary>
public static class PageChecks
{
    /// <summary>A main page: what the failure message calls it, and its address.</summary>
    public sealed record MainPage(string Name, string Url);

    public const int PhoneWidth = 390;
    public const int PhoneHeight = 844;

    /// <summary>The tallest the closed navigation bar may be on a phone.</summary>
    public const int PhoneHeaderHeight = 64;

    private static readonly string[] Failing = ["serious", "critical"];

    /// <summary>The vendored axe-core (tests/SmartFactory.E2E/Axe, its NOTICE says which version and from where).</summary>
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Axe", "axe.min.js")));

    /// <summary>axe's violations, one entry per node, as JSON (so that the shape is ours, not Playwright's).</summary>
    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return JSON.stringify(result.violations.flatMap(v => v.nodes.map(n => ({
            rule: v.id, impact: n.impact ?? v.impact ?? '', help: v.help,
            target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '), html: n.html.slice(0, 200) }))));
        }
        """;

    /// <summary>The header's height and the navigation items whose text is broken over two lines.</summary>
    private const string NavigationShape = """
        () => {
          const header = document.querySelector('header');
          const split = [...document.querySelectorAll('header nav a, header nav button')]
            .filter(e => e.getClientRects().length > 1 || e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).lineHeight))
            .map(e => e.textContent.trim());
          return JSON.stringify({ height: header ? header.getBoundingClientRect().height : 0, split });
        }
        """;

    private sealed record Violation(string Rule, string Impact, string Help, string Target, string Html);

    private sealed record Navigation(double Height, string[] Split);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Opens each page at the page's current viewport and returns what fails there; at phone width also the sideways scroll
    /// and the navigation bar. A page that does not answer 200 is a failure too (its address or its data is wrong).
    /// </summary>
    /// <param name="notes">Where the moderate and minor findings are written: they do not fail, but say what is left to improve.</param>
    public static async Task<List<string>> CheckAsync(IPage page, IEnumerable<MainPage> pages, IReadOnlyDictionary<string, string>? ids = null, Action<string>? notes = null)
    {
        var failures = new List<string>();
        var phone = page.ViewportSize!.Width <= PhoneWidth;
        var where = phone ? $"手机 {PhoneWidth}x{PhoneHeight}" : $"桌面 {page.ViewportSize.Width}x{page.ViewportSize.Height}";
        foreach (var main in pages)
        {
            var url = Resolve(main.Url, ids);
            var response = await page.GotoAsync(url);
            var at = $"{main.Name} {url} [{where}]";
            if (response is null || response.Status != 200 || !page.Url.EndsWith(url, StringComparison.Ordinal))
            {
                failures.Add($"{at}: 未打开（HTTP {response?.Status}，到达 {page.Url}）");
                continue;
            }
            foreach (var v in await AxeAsync(page))
            {
                var line = $"{at}: {v.Rule} ({v.Impact}) {v.Help} · {v.Target} · {v.Html}";
                if (Failing.Contains(v.Impact))
                {
                    failures.Add(line);
                }
                else
                {
                    notes?.Invoke(line);
                }
            }
            if (!phone)
            {
                continue;
            }
            // The top of each page on the phone, for a person to look at the navigation bar.
            await page.ScreenshotAsync(new() { Path = Path.Combine(Steps.RepoRoot(), "artifacts", "e2e", "a11y-phone-" + Slug(url) + ".png") });
            var sideways = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (sideways > 0)
            {
                failures.Add($"{at}: 横向滚动 {sideways} px（{await WidestAsync(page)}）");
            }
            var nav = JsonSerializer.Deserialize<Navigation>(await page.EvaluateAsync<string>(NavigationShape), Json)!;
            if (nav.Height > PhoneHeaderHeight)
            {
                failures.Add($"{at}: 导航栏高 {nav.Height:0} px > {PhoneHeaderHeight} px");
            }
            failures.AddRange(nav.Split.Select(item => $"{at}: 导航项“{item}”被拆成两行"));
        }
        return failures;
    }

    /// <summary>Fails with every line at once, so one run shows all that is left to fix.</summary>
    public static void AssertNone(List<string> failures) =>
        Assert.True(failures.Count == 0, $"{failures.Count} 处不合格：\n" + string.Join("\n", failures));

    /// <summary>Replaces each {key} of the address by its id (ids that exist only once the data is there).</summary>
    private static string Resolve(string url, IReadOnlyDictionary<string, string>? ids) =>
        ids is null ? url : ids.Aggregate(url, (u, id) => u.Replace("{" + id.Key + "}", id.Value, StringComparison.Ordinal));

    private static string Slug(string url) => string.Concat(url.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) is { Length: > 0 } slug ? slug : "home";

    private static async Task<List<Violation>> AxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays as it is for the page.
            await page.EvaluateAsync(AxeSource.Value);
        }
        return JsonSerializer.Deserialize<List<Violation>>(await page.EvaluateAsync<string>(RunAxe), Json)!;
    }

    /// <summary>The element that reaches furthest right, outside any box that scrolls or clips, to say what makes a page scroll sideways.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          let widest = null, right = 0;
          const contained = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect().right;
            if (r > right && contained(e)) continue;
            if (r > right) { right = r; widest = e; }
          }
          return widest ? `${widest.tagName.toLowerCase()}${widest.id ? '#' + widest.id : ''}${widest.className ? '.' + String(widest.className).trim().replace(/\s+/g, '.') : ''} 右边缘 ${Math.round(right)} px` : '';
        }
        """);
}
