using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SmartFactory.Web.Tests;

/// <summary>A cookie-keeping client that reads pages as HTML and posts forms with their antiforgery token, like a browser.</summary>
public sealed class Browser(HttpClient client)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client => client;

    public async Task<IHtmlDocument> GetAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync().ContinueWith(t => Parser.ParseDocument(t.Result));

    /// <summary>Posts fields to a page's URL with the token taken from that page, as its form would.</summary>
    public async Task<HttpResponseMessage> PostAsync(string pageUrl, string? action, IEnumerable<KeyValuePair<string, string>> fields, bool json = false)
    {
        var page = await GetAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pageUrl} has no antiforgery token");
        var body = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        var request = new HttpRequestMessage(HttpMethod.Post, action ?? pageUrl) { Content = body };
        if (json)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }
        return await client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostFileAsync(string pageUrl, string action, Dictionary<string, string> fields, string fileName, byte[] content)
    {
        var page = await GetAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields)
        {
            form.Add(new StringContent(v), k);
        }
        form.Add(new ByteArrayContent(content), "file", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    public static string Text(IHtmlDocument page) => page.Body?.TextContent ?? "";
}
