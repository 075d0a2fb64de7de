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
    public async Task AnUnknownApiPathIsAProblemNotAPage()
    {
        var response = await Api(_app).GetAsync("/api/v1/no-such-thing");

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound, NotFound);
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("status").ValueKind);
    }
}
