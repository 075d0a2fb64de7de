using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace SmartFactory.Web.Tests;

/// <summary>
/// The hostile-input corpus (<see cref="HostileInputs"/>) against one host and world: no request may answer 5xx, and a
/// request that was refused — a 4xx, or a page shown again with its problems — must leave every table's rows as they were
/// (except what the corpus says a refusal records, such as a failed login's audit row).
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NoHostileRequestBreaksTheServerAndNoRefusedOneChangesData()
    {
        await using var world = await SecurityWorld.CreateAsync();
        var corpus = HostileInputs.All().ToList();
        Assert.True(corpus.Count >= 300, $"the corpus has only {corpus.Count} requests");

        var serverErrors = new List<string>();
        var changed = new List<string>();
        var refused = 0;
        foreach (var hostile in corpus)
        {
            var before = world.Snapshot();
            using var response = await SendAsync(world, hostile);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                serverErrors.Add($"{hostile.Name} as {hostile.Caller}: {status}");
            }
            await world.SimulationsFinishedAsync();
            if (!IsRefusal(status, text))
            {
                continue;
            }
            refused++;
            var after = world.Snapshot();
            var tables = SecurityWorld.ChangedTables(before, after).Except(hostile.MayRecord ?? []).ToList();
            if (tables.Count > 0)
            {
                changed.Add($"{hostile.Name} as {hostile.Caller} ({status}) changed {string.Join(", ", tables)}");
            }
        }
        output.WriteLine($"{corpus.Count} hostile requests, {refused} refused");
        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} of {corpus.Count} hostile requests answered 5xx:\n{string.Join("\n", serverErrors)}");
        Assert.True(changed.Count == 0, $"{changed.Count} of {refused} refused requests changed data:\n{string.Join("\n", changed)}");
        Assert.True(refused > corpus.Count / 2, $"only {refused} of {corpus.Count} hostile requests were refused");
    }

    /// <summary>A 4xx, or a page shown again with its problems or field messages (a successful post redirects).</summary>
    private static bool IsRefusal(int status, string body) =>
        status is >= 400 and < 500
        || (status == 200 && (body.Contains("class=\"problems\"", StringComparison.Ordinal) || body.Contains("field-validation-error", StringComparison.Ordinal)));

    private static async Task<HttpResponseMessage> SendAsync(SecurityWorld world, HostileRequest hostile)
    {
        var caller = world.Callers[hostile.Caller];
        var url = world.Fill(hostile.Url);
        var isApi = url.StartsWith("/api/v1/", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(hostile.Method), url);
        List<KeyValuePair<string, string>> Fields(IEnumerable<KeyValuePair<string, string>> fields) => fields.Select(f => new KeyValuePair<string, string>(f.Key, world.Fill(f.Value))).ToList();
        switch (hostile.Body)
        {
            case HostileBody.Raw raw:
                request.Content = new ByteArrayContent(raw.Bytes);
                if (raw.ContentType is { } type)
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
                }
                break;
            case HostileBody.Form form:
                var fields = Fields(form.Fields);
                if (form.Antiforgery != "none")
                {
                    fields.Add(new("__RequestVerificationToken", form.Antiforgery == "bogus" ? "CfDJ8" + new string('A', 150) : await world.AntiforgeryAsync(caller)));
                }
                request.Content = new FormUrlEncodedContent(fields);
                break;
            case HostileBody.Upload upload:
                var multipart = new MultipartFormDataContent { { new StringContent(await world.AntiforgeryAsync(caller)), "__RequestVerificationToken" } };
                foreach (var (key, value) in Fields(upload.Fields))
                {
                    multipart.Add(new StringContent(value), key);
                }
                // filename* (RFC 5987) carries any name, NUL and empty ones included, which a plain filename header cannot.
                var file = new ByteArrayContent(upload.Content);
                file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "file", FileNameStar = upload.FileName };
                multipart.Add(file);
                request.Content = multipart;
                request.Headers.Accept.ParseAdd("application/json");
                break;
        }
        return await (isApi ? caller.Api : caller.Browser.Client).SendAsync(request);
    }
}
