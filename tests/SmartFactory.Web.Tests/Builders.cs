using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using Microsoft.Extensions.DependencyInjection;

namespace SmartFactory.Web.Tests;

/// <summary>Small builders that do what a user does through the pages.</summary>
public static class Builders
{
    public const string Password = "Passw0rd2026";

    /// <summary>A valid credit code registered in the given county (GB 32100 check character).</summary>
    public static string CreditCodeFor(string county, int n)
    {
        var first17 = $"91{county}MA1{n:D5}0";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    public static Dictionary<string, string> Registration(string code, string login, string county = "320505") => new()
    {
        ["Input.CreditCode"] = code,
        ["Input.Name"] = $"测试企业{code[^4..]}",
        ["Input.CountyCode"] = county,
        ["Input.IndustryCode"] = "38",
        ["Input.Size"] = "2",
        ["Input.IsAboveScale"] = "true",
        ["Input.ContactName"] = "张三",
        ["Input.ContactPhone"] = "0512-66668888",
        ["Input.Login"] = login,
        ["Input.Password"] = Password,
        ["Input.ConfirmPassword"] = Password,
    };

    /// <summary>Registers an enterprise and leaves the browser signed in as its administrator.</summary>
    public static async Task<string> RegisterAsync(Browser browser, int n, string county = "320505")
    {
        var code = CreditCodeFor(county, n);
        var response = await browser.PostAsync("/Account/Register", null, Registration(code, $"admin{n}@example.com", county));
        Assert.Equal("/Assessments", response.Headers.Location?.OriginalString);
        return code;
    }

    public static Catalog Catalog(AppFactory app) => app.Services.GetRequiredService<EditionLibrary>().Current;

    public static Task<HttpResponseMessage> RateAsync(Browser browser, Catalog catalog, int no, string level, bool ai = false, string? evidence = null)
    {
        var stage = catalog.StageIndex(catalog.Find(no)!.Stage) + 1;
        var fields = new Dictionary<string, string> { ["no"] = no.ToString(), ["level"] = level };
        if (ai)
        {
            fields["ai"] = "true";
        }
        if (evidence is not null)
        {
            fields["evidence"] = evidence;
        }
        return browser.PostAsync($"/Assessments/Stage/{stage}", $"/Assessments/Stage/{stage}?handler=Rate", fields, json: true);
    }

    public static Task<HttpResponseMessage> SaveBasicsAsync(Browser browser, string dtScore = "75", string cmmm = "2", bool attestAll = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.DtScore", dtScore),
            new("Input.DtDate", "2026-10-01"),
            new("Input.CmmmLevel", cmmm),
        };
        if (attestAll)
        {
            fields.AddRange(Seed.BasicRequirements.Keys.Select(key => new KeyValuePair<string, string>("Input.Attested", key)));
        }
        return browser.PostAsync("/Assessments", "/Assessments?handler=Basics", fields, json: true);
    }

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    public static Task<HttpResponseMessage> UploadDtEvidenceAsync(Browser browser, string name = "报告.pdf", byte[]? content = null) =>
        browser.PostFileAsync("/Assessments", "/Assessments?handler=Upload", new() { ["purpose"] = "dt" }, name, content ?? Pdf);

    /// <summary>A complete draft that reaches 先进级: every scenario rated at the highest defined tier up to advanced.</summary>
    public static async Task CompleteAtAdvancedAsync(Browser browser, Catalog catalog)
    {
        (await SaveBasicsAsync(browser)).EnsureSuccessStatusCode();
        (await UploadDtEvidenceAsync(browser)).EnsureSuccessStatusCode();
        foreach (var s in catalog.Scenarios)
        {
            (await RateAsync(browser, catalog, s.No, HighestUpTo(s, Tier.Advanced))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>A complete draft with every scenario at the highest defined tier up to <paramref name="top"/>, and the given DT score and CMMM level.</summary>
    public static async Task CompleteAtAsync(Browser browser, Catalog catalog, Tier top, string dtScore, string cmmm)
    {
        (await SaveBasicsAsync(browser, dtScore, cmmm)).EnsureSuccessStatusCode();
        (await UploadDtEvidenceAsync(browser)).EnsureSuccessStatusCode();
        foreach (var s in catalog.Scenarios)
        {
            (await RateAsync(browser, catalog, s.No, HighestUpTo(s, top))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The level code of a scenario's highest defined tier up to <paramref name="top"/>, or "none".</summary>
    public static string HighestUpTo(Scenario scenario, Tier top) =>
        Tiers.All.Where(t => t <= top && scenario.IsDefined(t)).Cast<Tier?>().LastOrDefault()?.Code() ?? "none";

    public static Dictionary<string, string> Pledge() => new()
    {
        ["Pledge.Signatory"] = "李四",
        ["Pledge.Position"] = "总经理",
        ["Pledge.PledgeDate"] = "2026-11-25",
        ["Pledge.Agree"] = "true",
    };
}
