using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>The OpenAPI document describes every endpoint the app really maps under /api/v1, and the reference page shows it.</summary>
public sealed partial class ApiDocumentTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Parameter();

    /// <summary>Every route and method the running app maps under /api/v1, as "GET /api/v1/enterprises/{id}".</summary>
    private List<string> MappedEndpoints() => _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
        .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["(any)"])
            .Select(m => $"{m} {Parameter().Replace(e.RoutePattern.RawText!, "{$1}").TrimEnd('/')}"))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    [Fact]
    public async Task TheDocumentDescribesEveryMappedEndpoint()
    {
        var response = await Api(_app).GetAsync("/openapi/v1.json");

        var document = await JsonAsync(response);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("v1", document.GetProperty("info").GetProperty("version").GetString());
        Assert.Contains("江苏省智能工厂", document.GetProperty("info").GetProperty("title").GetString());
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}"))
            .ToHashSet();
        var mapped = MappedEndpoints();
        var outside = documented.Where(d => !d.Contains(" /api/v1/", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "described beside the API: " + string.Join(", ", outside));
        Assert.True(mapped.Count >= 18, "only " + string.Join(", ", mapped));
        Assert.DoesNotContain(mapped, m => m.StartsWith("(any)", StringComparison.Ordinal));
        var undocumented = mapped.Where(m => !documented.Contains(m)).ToList();
        Assert.True(undocumented.Count == 0, "not in /openapi/v1.json: " + string.Join(", ", undocumented));
        Assert.Contains("POST /api/v1/grade", mapped);
        Assert.Contains("PUT /api/v1/enterprises/{id}/draft/ratings/{no}", mapped);
        Assert.Contains("POST /api/v1/applications/{id}/transitions", mapped);
    }

    [Fact]
    public async Task TheDocumentSaysWhichEndpointsNeedATokenAndWhatTheyRefuse()
    {
        var document = await JsonAsync(await Api(_app).GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");

        var me = paths.GetProperty("/api/v1/me").GetProperty("get");
        var grade = paths.GetProperty("/api/v1/grade").GetProperty("post");

        Assert.Contains("需令牌", me.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(me.GetProperty("responses").TryGetProperty("401", out _));
        Assert.Contains("公开", grade.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(grade.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(grade.TryGetProperty("requestBody", out _));
        Assert.Contains("Bearer", document.GetProperty("info").GetProperty("description").GetString());
    }

    [Fact]
    public async Task EveryOperationHasASummaryItsAnswerItsRefusalsAndExamples()
    {
        var document = await JsonAsync(await Api(_app).GetAsync("/openapi/v1.json"));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("http", "bearer"), (schemes.GetProperty("Bearer").GetProperty("type").GetString(), schemes.GetProperty("Bearer").GetProperty("scheme").GetString()));
        var lacking = new List<string>();
        foreach (var (name, operation) in document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => ($"{m.Name.ToUpperInvariant()} {p.Name}", m.Value))))
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).SingleOrDefault();
            var refusals = responses.Where(r => r.Key[0] == '4').ToList();
            var secured = operation.TryGetProperty("security", out _);
            void Lacks(bool missing, string what) => lacking.AddRange(missing ? [$"{name}: {what}"] : []);
            Lacks(!operation.TryGetProperty("summary", out var summary) || summary.GetString()!.Length < 4, "summary");
            Lacks(!operation.TryGetProperty("operationId", out _), "operationId");
            Lacks(success.ValueKind == JsonValueKind.Undefined || !success.TryGetProperty("content", out var content)
                || !content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _)), "a success response with a schema");
            Lacks(refusals.Any(r => !r.Value.GetProperty("content").TryGetProperty("application/problem+json", out var problem)
                || problem.GetProperty("schema").GetProperty("$ref").GetString() != "#/components/schemas/Refusal"
                || r.Value.GetProperty("description").GetString()!.All(c => c < 128)), "refusals as a Refusal with a Chinese description");
            Lacks(secured != responses.ContainsKey("401"), "a bearer requirement exactly when it answers 401");
            Lacks(secured && !responses.ContainsKey("429"), "429 for the per-token rate limit");
            Lacks(operation.TryGetProperty("requestBody", out var body)
                && !body.GetProperty("content").EnumerateObject().Any(c => c.Value.TryGetProperty("example", out _)), "an example request body");
        }
        Assert.True(lacking.Count == 0, "in /openapi/v1.json:\n" + string.Join("\n", lacking));
        var grade = document.GetProperty("paths").GetProperty("/api/v1/grade").GetProperty("post");
        var graded = grade.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        var answered = await JsonAsync(await SendRawAsync(Api(_app), HttpMethod.Post, "/api/v1/grade",
            grade.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText()));
        Assert.Equal(JsonSerializer.Serialize(answered), JsonSerializer.Serialize(graded));
    }

    [Fact]
    public async Task TheReferencePageIsServedWithoutALogin()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = false });

        var response = await client.GetAsync("/api/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>SmartFactory API v1</title>", html);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html);
        Assert.Contains("script-src 'self' 'unsafe-inline'", response.Headers.GetValues("Content-Security-Policy").Single());
        var script = await client.GetAsync(new Uri(response.RequestMessage!.RequestUri!, "scalar.js"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(response.RequestMessage.RequestUri!, "/openapi/v1.json"))).StatusCode);
    }

    [Fact]
    public async Task TheReferencePageOffersNoHostedServiceAndLoadsEverythingFromThisServer()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = false });

        var response = await client.GetAsync("/api/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        using var config = JsonDocument.Parse(ScalarConfiguration().Match(html).Groups[1].Value);
        var o = config.RootElement;
        Assert.True(o.GetProperty("agent").GetProperty("disabled").GetBoolean(), "Ask AI (Agent Scalar) is offered");
        Assert.True(o.GetProperty("mcp").GetProperty("disabled").GetBoolean(), "the MCP integration is offered");
        Assert.Equal("never", o.GetProperty("showDeveloperTools").GetString());
        Assert.True(o.GetProperty("hideClientButton").GetBoolean(), "the client button is shown");
        Assert.Equal("none", o.GetProperty("documentDownloadType").GetString());
        Assert.False(o.GetProperty("telemetry").GetBoolean(), "telemetry is on");
        Assert.False(o.GetProperty("withDefaultFonts").GetBoolean(), "fonts come from Scalar's CDN");
        Assert.False(o.TryGetProperty("proxyUrl", out _), "requests go through a proxy");
        Assert.Equal(["Bearer"], o.GetProperty("authentication").GetProperty("preferredSecurityScheme").EnumerateArray().Select(s => s.GetString()));

        // Offline: the policy lets the browser load nothing from another host, and every script the page names is served here.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.DoesNotContain("http", policy);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var loaded = page.Scripts.Select(s => s.Source).Concat(page.QuerySelectorAll("link[href]").Select(l => l.GetAttribute("href")))
            .OfType<string>().Where(u => u.Length > 0).ToList();
        Assert.Contains("scalar.js", loaded);
        Assert.All(loaded, u => Assert.False(u.Contains("//", StringComparison.Ordinal), $"{u} is loaded from another host"));
        foreach (var url in loaded)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(response.RequestMessage!.RequestUri!, url))).StatusCode);
        }
    }

    [GeneratedRegex(@"initialize\(\s*'[^']*',\s*(?:true|false),\s*(\{.*\}),\s*'", RegexOptions.Singleline)]
    private static partial Regex ScalarConfiguration();

    [Fact]
    public async Task AnUnknownApiPathIsAProblemNotAPage()
    {
        var response = await Api(_app).GetAsync("/api/v1/no-such-thing");

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound, NotFound);
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("status").ValueKind);
    }
}
