using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public sealed class NetworkOptions
{
    /// <summary>
    /// The balancers whose X-Forwarded-For and X-Forwarded-Proto are believed (their own addresses). Empty: the headers
    /// are ignored, so a client cannot pick the address its rate limit is counted under.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>
    /// What users type to reach the system, e.g. https://znzz.gxt.jiangsu.gov.cn; every link the system sends starts
    /// with it, and when <c>AllowedHosts</c> is not set, its host is the only one answered. Required in Production (the
    /// app refuses to start without it); elsewhere, empty means the request's own address (decision 020).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>This node's name in the X-SmartFactory-Node response header, so an operator can tell which node answered; the machine name by default.</summary>
    public string? NodeName { get; set; }
}

/// <summary>What makes any node able to serve any request behind a balancer (decision 013).</summary>
public static class Network
{
    public const string NodeHeader = "X-SmartFactory-Node";

    public static void AddNetwork(this WebApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<NetworkOptions>().BindConfiguration("Network")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "Network:KnownProxies must list IP addresses.")
            .Validate(o => string.IsNullOrEmpty(o.PublicBaseUrl) || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Network:PublicBaseUrl must be an absolute URL.")
            .Validate(o => !production || !string.IsNullOrEmpty(o.PublicBaseUrl),
                "Network:PublicBaseUrl must be set in Production (e.g. Network__PublicBaseUrl=https://sf.example.gov.cn): invitation links would otherwise carry whatever Host header a request sent.")
            .ValidateOnStart();
        var network = builder.Configuration.GetSection("Network").Get<NetworkOptions>() ?? new NetworkOptions();
        // Runs before the host's own fallback to "*", which only applies when no host is listed by then.
        if (string.IsNullOrEmpty(builder.Configuration["AllowedHosts"]) && Uri.TryCreate(network.PublicBaseUrl, UriKind.Absolute, out var publicUrl))
        {
            builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [publicUrl.IdnHost]);
        }
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no known proxy and no known network the middleware believes the headers from anyone (it checks the
            // sender only when one of the lists is non-empty): then it must not read them at all.
            o.ForwardedHeaders = network.KnownProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in network.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddSharedKeyRing();
    }

    /// <summary>
    /// One key ring for every node, in the database, under one application name: a cookie, antiforgery token or
    /// invitation protected by one node is read by any other (and by the operator's commands).
    /// </summary>
    public static void AddSharedKeyRing(this IServiceCollection services) =>
        services.AddDataProtection().SetApplicationName("SmartFactory").PersistKeysToDbContext<AppDbContext>();

    public static void UseNetwork(this WebApplication app)
    {
        if (string.IsNullOrEmpty(app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value.PublicBaseUrl) && !app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("Network:PublicBaseUrl is not set: invitation links take the address of the request that made them, and unless AllowedHosts is set any Host header is answered. Set both before users reach this node.");
        }
        app.UseForwardedHeaders();
        var node = app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value.NodeName is { Length: > 0 } name ? name : Environment.MachineName;
        app.Use((context, next) =>
        {
            context.Response.Headers[NodeHeader] = node;
            return next(context);
        });
    }

    /// <summary>
    /// The client address that limits and throttles count under: the connection's, or what a known proxy forwarded. An
    /// IPv6 client counts as its /64, the block one subscriber gets, so that it cannot pick a fresh address per request.
    /// </summary>
    public static string ClientAddress(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>An absolute link to a path of the system, for links that leave it (invitations).</summary>
    public static string PublicUrl(this HttpRequest request, string pathAndQuery)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<NetworkOptions>>().Value.PublicBaseUrl;
        var root = string.IsNullOrEmpty(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
        return root + pathAndQuery;
    }
}
