using System.Net;
using SmartFactory.Domain;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// API requests an integrator's bug or an attacker sends, found by the re-attack of 2026-12-04: each is refused with a
/// short ProblemDetails, never an error page and never an answer many times the size of the request.
/// </summary>
public sealed class ApiAttackTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ABodyWithoutAContentTypeIsRefusedNotAnsweredWithAnError()
    {
        var e = await EnterpriseAsync(_app, 1);
        (await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/draft")).EnsureSuccessStatusCode();
        // ByteArrayContent sends no Content-Type header: the route's Accepts("multipart/form-data") lets the request
        // through (the matcher only refuses a type it can compare), and ReadFormAsync throws InvalidOperationException
        // ("Incorrect Content-Type: "), which DraftApi's catch does not name. Today: 500.
        var response = await e.Api.PostAsync($"/api/v1/enterprises/{e.Id}/draft/files", new ByteArrayContent(Builders.Pdf));

        Assert.True(response.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest,
            $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? "");
        Assert.Equal(0, _app.Query(db => db.EvidenceFiles.Count()));
    }

    [Fact]
    public async Task ARoadmapTargetWithThousandsOfUnknownScenariosIsRefusedWithAShortReport()
    {
        var e = await EnterpriseAsync(_app, 1);
        await SubmitAdvancedAsync(_app, e);
        var steps = Enumerable.Range(1000, 5000).ToDictionary(i => i.ToString(), _ => 5);

        var response = await PutJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/roadmap", new { tier = "leading", year = BeijingTime.Today(DateTime.UtcNow).Year + 2, stepCosts = steps });

        // Today every unknown key is one message in `detail` and one in `errors`: 5,000 keys (about 55 KB of JSON) answer
        // over half a megabyte, and a 19.9 MB request answered 180 MB and held some 660 MB more of the server's memory
        // (docs/benchmarks.md). The other APIs list the first Uploads:MaxListedProblems and count the rest (decision 020).
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, Invalid);
        Assert.True(problem.GetProperty("errors").GetArrayLength() <= 100, $"{problem.GetProperty("errors").GetArrayLength()} errors listed");
        Assert.True(text.Length < 64 * 1024, $"the answer has {text.Length} characters");
        Assert.Equal(0, _app.Query(db => db.RoadmapTargets.Count()));
    }
}
