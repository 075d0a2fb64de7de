using System.Net;
using System.Text;
using SmartFactory.DataFiles;

namespace SmartFactory.Web.Tests;

/// <summary>
/// The province deployment: two real node processes on one PostgreSQL database behind a real nginx round robin without
/// stickiness. Here rather than in SmartFactory.E2E because what matters is which node serves each request, which an
/// HttpClient sees in every response header and a browser hides; and this project already has the cookie-and-form
/// client and the builders that register, rate, upload and submit, and talks to the suite's PostgreSQL server.
/// </summary>
public sealed class TwoNodesBehindNginxTests(TwoNodes cluster) : IClassFixture<TwoNodes>
{
    private static readonly Domain.Catalogs.Catalog Catalog = DataFolder.RequireEditions(DataFolder.Beside).Current;

    [Fact]
    public async Task RunsTheEnterpriseJourneyWithConsecutiveRequestsOnAlternatingNodes()
    {
        await cluster.EnsureRunningAsync();
        var (registrar, _) = cluster.Browser();
        var code = await Builders.RegisterAsync(registrar, 1);
        var (enterprise, served) = cluster.Browser();

        await LogInAsync(enterprise, "admin1@example.com");
        await Builders.CompleteAtAdvancedAsync(enterprise, Catalog);
        var evidence = await DownloadEvidenceAsync(enterprise);
        var level = await SubmitAsync(enterprise);
        var (official, _) = cluster.Browser();
        await LogInAsync(official, TwoNodes.OfficialLogin);
        var list = Browser.Text(await official.GetAsync("/Officials"));

        Assert.Equal(Builders.Pdf, evidence);
        Assert.Equal("先进级", level);
        Assert.Contains($"测试企业{code[^4..]}", list);
        Assert.Equal(cluster.NodeNames.Order(), served.Distinct().Order());
        var sameNodeTwice = served.Zip(served.Skip(1)).Count(pair => pair.First == pair.Second);
        Assert.True(sameNodeTwice == 0, $"{sameNodeTwice} of {served.Count - 1} consecutive requests stayed on one node: {string.Join(' ', served)}");
    }

    [Fact]
    public async Task KeepsServingAndLosesNothingWhenANodeIsKilledMidJourney()
    {
        await cluster.EnsureRunningAsync();
        try
        {
            var (browser, served) = cluster.Browser();
            await Builders.RegisterAsync(browser, 2);
            (await Builders.SaveBasicsAsync(browser)).EnsureSuccessStatusCode();
            (await Builders.UploadDtEvidenceAsync(browser)).EnsureSuccessStatusCode();
            var half = Catalog.Scenarios.Count / 2;
            foreach (var s in Catalog.Scenarios.Take(half))
            {
                (await Builders.RateAsync(browser, Catalog, s.No, Builders.HighestUpTo(s, Domain.Tier.Advanced))).EnsureSuccessStatusCode();
            }
            var victim = served[^1];

            cluster.Kill(victim);
            var afterKill = served.Count;
            foreach (var s in Catalog.Scenarios.Skip(half))
            {
                (await Builders.RateAsync(browser, Catalog, s.No, Builders.HighestUpTo(s, Domain.Tier.Advanced))).EnsureSuccessStatusCode();
            }
            var evidence = await DownloadEvidenceAsync(browser);
            var level = await SubmitAsync(browser);

            Assert.DoesNotContain(victim, served.Skip(afterKill));
            Assert.Equal(Builders.Pdf, evidence);
            // Every rating, those acknowledged by the killed node included, is in the submission that reaches 先进级.
            Assert.Equal("先进级", level);
            Assert.Equal((long)Catalog.Scenarios.Count, await cluster.QueryAsync<long>(
                $"SELECT count(*) FROM \"Ratings\" r JOIN \"Assessments\" a ON a.\"Id\" = r.\"AssessmentId\" JOIN \"Enterprises\" e ON e.\"Id\" = a.\"EnterpriseId\" WHERE e.\"CreditCode\" = '{Builders.CreditCodeFor("320505", 2)}' AND a.\"SubmittedAt\" IS NOT NULL"));
        }
        finally
        {
            await cluster.EnsureRunningAsync();
        }
    }

    [Fact]
    public async Task CountsTheAnonymousGradeLimitOnceAcrossNodes()
    {
        await cluster.EnsureRunningAsync();
        var (browser, served) = cluster.Browser();
        // A per-minute window that turned between the requests would count them in two.
        if (DateTime.UtcNow.Second >= 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < TwoNodes.GradePerMinute + 2; i++)
        {
            answers.Add((await GradeAsync(browser, forwardedFor: null)).StatusCode);
        }
        // A client cannot pose as another address: nginx appends the one it saw, and the nodes trust only nginx.
        var spoofed = await GradeAsync(browser, forwardedFor: "198.51.100.7");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, TwoNodes.GradePerMinute), answers.Take(TwoNodes.GradePerMinute));
        Assert.Equal(cluster.NodeNames.Order(), served.Take(TwoNodes.GradePerMinute).Distinct().Order());
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers.Skip(TwoNodes.GradePerMinute));
        Assert.NotEqual(served[TwoNodes.GradePerMinute], served[TwoNodes.GradePerMinute + 1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }

    private static async Task LogInAsync(Browser browser, string login)
    {
        var response = await browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = Builders.Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login of {login} answered {(int)response.StatusCode}");
    }

    /// <summary>The DT evidence file, downloaded through its link on the assessment page.</summary>
    private static async Task<byte[]> DownloadEvidenceAsync(Browser browser)
    {
        var link = (await browser.GetAsync("/Assessments")).QuerySelector("a[href^='/files/']")?.GetAttribute("href");
        Assert.NotNull(link);
        var response = await browser.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Submits with the pledge and returns the reference level the result page shows.</summary>
    private static async Task<string> SubmitAsync(Browser browser)
    {
        var submitted = await browser.PostAsync("/Assessments/Submit", null, Builders.Pledge());
        Assert.True(submitted.Headers.Location is not null, $"submit answered {(int)submitted.StatusCode}");
        var result = await browser.GetAsync(submitted.Headers.Location.OriginalString);
        return result.QuerySelector("[data-testid=reference-level]")!.TextContent.Trim();
    }

    private static Task<HttpResponseMessage> GradeAsync(Browser browser, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/grade")
        {
            Content = new StringContent("""{"dtScore":65,"cmmmLevel":1,"basicRequirementsMet":true,"scenarios":[{"no":20,"level":"basic"}]}""", Encoding.UTF8, "application/json"),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return browser.Client.SendAsync(request);
    }
}
