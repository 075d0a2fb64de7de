using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SmartFactory.Web.Tests;

/// <summary>One thing a client can ask for: a method and a route, with a Razor page's named handler as <c>?handler=Xxx</c>.</summary>
public sealed record EndpointKey(string Method, string Route)
{
    public override string ToString() => $"{Method} {Route}";

    public bool IsApi => Route.StartsWith("/api/v1/", StringComparison.Ordinal);

    public static EndpointKey Parse(string text)
    {
        var space = text.IndexOf(' ');
        return new EndpointKey(text[..space], text[(space + 1)..]);
    }
}

/// <summary>The endpoints of the running app, read from its own routing: every page handler and every minimal-API route.</summary>
public static class EndpointList
{
    public static async Task<List<EndpointKey>> OfAsync(IServiceProvider services)
    {
        var keys = new HashSet<EndpointKey>();
        var loader = services.GetRequiredService<PageLoader>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        // A page has a route per URL it answers (/Assessments and /Assessments/Index): the shortest one names it.
        var pages = endpoints
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(p => p.Page is not null)
            .GroupBy(p => p.Page!.RelativePath)
            .Select(g => g.OrderBy(p => p.Endpoint.RoutePattern.RawText!.Length).First());
        foreach (var (endpoint, page) in pages)
        {
            var compiled = await loader.LoadAsync(page!, endpoint.Metadata);
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            foreach (var handler in compiled.HandlerMethods)
            {
                keys.Add(new EndpointKey(handler.HttpMethod.ToUpperInvariant(), handler.Name is { } name ? $"{route}?handler={name}" : route));
            }
            if (compiled.HandlerMethods.Count == 0)
            {
                keys.Add(new EndpointKey("GET", route)); // a page without a handler still renders on GET
            }
        }
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            {
                keys.Add(new EndpointKey(method, route));
            }
        }
        return keys.OrderBy(k => k.Route, StringComparer.Ordinal).ThenBy(k => k.Method, StringComparer.Ordinal).ToList();
    }
}
