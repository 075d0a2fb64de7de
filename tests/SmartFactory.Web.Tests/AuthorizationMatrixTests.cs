using System.Net;
using System.Text;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Every endpoint of the app × every kind of caller, against AuthorizationMatrix.md (issue 12 part 7). The endpoints come
/// from the running app's routing, so a new page handler or API route without a row fails the test, as does a row for a
/// route that went away or any cell whose outcome changed. One host and one world (<see cref="SecurityWorld"/>): GETs run
/// first, then the other methods, logout last; the requests that an allowed caller may make do no harm to later cells
/// because their ids name spare rows (see the table's notes). Each non-GET cell that is refused is checked to have
/// changed no row of any table.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>Set to rewrite the table from what was observed (then review the diff): SF_WRITE_MATRIX=1 dotnet test --filter AuthorizationMatrix.</summary>
    private static bool Rewrite => Environment.GetEnvironmentVariable("SF_WRITE_MATRIX") == "1";

    private sealed record Cell(MatrixRow Row, Principal Principal);

    public sealed record Observed(string Outcome, string Detail);

    [Fact]
    public async Task EveryEndpointAnswersEveryCallerAsTheTableSays()
    {
        await using var world = await SecurityWorld.CreateAsync();
        var principals = SecurityWorld.Principals;
        var text = File.ReadAllText(MatrixTable.Path);
        var rows = MatrixTable.Read(text, principals);
        var endpoints = await EndpointList.OfAsync(world.App.Services);

        var duplicates = rows.GroupBy(r => r.Endpoint).Where(g => g.Count() > 1).Select(g => g.Key.ToString()).ToList();
        Assert.True(duplicates.Count == 0, "rows named twice: " + string.Join(", ", duplicates));
        var known = rows.ToDictionary(r => r.Endpoint);
        var stale = rows.Where(r => !endpoints.Contains(r.Endpoint)).ToList();
        var missing = endpoints.Where(e => !known.ContainsKey(e))
            .Select(e => new MatrixRow(e, MatrixTable.DefaultRequest(e), principals.ToDictionary(p => p.Column, _ => "?"))).ToList();
        var runnable = rows.Except(stale).Concat(missing.Where(r => !HasUnknownPlaceholder(world, r))).ToList();

        var observed = new Dictionary<(EndpointKey, string), Observed>();
        var changedWhenRefused = new List<string>();
        var changedWhenAllowed = 0;
        foreach (var cell in Order(runnable, principals))
        {
            var caller = world.Callers[cell.Principal.Column];
            var isRead = cell.Row.Endpoint.Method is "GET" or "HEAD";
            var before = isRead ? null : world.Snapshot();
            var result = await SendAsync(world, caller, cell.Row);
            observed[(cell.Row.Endpoint, cell.Principal.Column)] = result;
            if (before is not null)
            {
                await world.SimulationsFinishedAsync();
                var after = world.Snapshot();
                if (result.Outcome is "deny" or "login" && after != before)
                {
                    changedWhenRefused.Add($"{cell.Row.Endpoint} as {cell.Principal.Column} ({result.Detail}) changed {SecurityWorld.Difference(before, after)}");
                }
                changedWhenAllowed += result.Outcome == "allow" && after != before ? 1 : 0;
            }
        }

        var differing = rows.Except(stale)
            .SelectMany(r => principals.Select(p => (Row: r, Principal: p, Observed: observed[(r.Endpoint, p.Column)])))
            .Where(c => c.Row.Expected[c.Principal.Column] != c.Observed.Outcome)
            .Select(c => $"{c.Row.Endpoint} as {c.Principal.Column}: expected {c.Row.Expected[c.Principal.Column]}, got {c.Observed.Outcome} ({c.Observed.Detail})")
            .ToList();
        var serverErrors = observed.Where(o => o.Value.Outcome.StartsWith('5')).Select(o => $"{o.Key.Item1} as {o.Key.Item2}: {o.Value.Detail}").ToList();

        string LineOf(MatrixRow row) => MatrixTable.Line(row.Endpoint, row.Request,
            principals.Select(p => observed.TryGetValue((row.Endpoint, p.Column), out var o) ? o.Outcome : "?"));
        if (Rewrite)
        {
            var all = rows.Except(stale).Concat(missing).OrderBy(r => r.Endpoint.Route, StringComparer.Ordinal).ThenBy(r => r.Endpoint.Method, StringComparer.Ordinal);
            File.WriteAllText(MatrixTable.Path, MatrixTable.Replace(text, principals, all.Select(LineOf)));
        }

        var report = new StringBuilder();
        Section(report, "Endpoints without a row — add these lines to AuthorizationMatrix.md after checking each observed outcome " +
            "(a row with ? has a route parameter no placeholder fills: name one of the world's values in its request column)", missing.Select(LineOf));
        Section(report, "Rows whose endpoint no longer exists — remove them", stale.Select(r => r.Endpoint.ToString()));
        Section(report, "Refused requests that changed data", changedWhenRefused);
        Section(report, "Server errors", serverErrors);
        Section(report, "Cells that differ from the table", differing);
        Assert.True(report.Length == 0 || Rewrite, $"{endpoints.Count} endpoints × {principals.Count} principals:\n{report}");
        Assert.True(changedWhenRefused.Count == 0 && serverErrors.Count == 0, report.ToString());
        // The snapshot can see a write at all: the allowed revocations, sign-outs and simulations are writes.
        Assert.True(changedWhenAllowed > 0, "no allowed write changed the snapshot: it would not see a refused one either");
    }

    private static void Section(StringBuilder report, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count > 0)
        {
            report.Append($"\n{title} ({list.Count}):\n").AppendJoin('\n', list).Append('\n');
        }
    }

    private static bool HasUnknownPlaceholder(SecurityWorld world, MatrixRow row) =>
        System.Text.RegularExpressions.Regex.IsMatch(world.Fill(row.Request), @"\{[A-Za-z]+\}");

    /// <summary>Reads first, then writes, signing out last: an allowed write then cannot hide what a read would have shown.</summary>
    private static IEnumerable<Cell> Order(IEnumerable<MatrixRow> rows, IReadOnlyList<Principal> principals) =>
        from row in rows
        let phase = row.Endpoint.Method is "GET" or "HEAD" ? 0 : row.Endpoint.Route == "/Account/Logout" ? 2 : 1
        orderby phase
        from principal in principals
        select new Cell(row, principal);

    /// <summary>
    /// Sends a row's request as the caller: API routes with its token, everything else from its browser with its cookie
    /// and, for a write, its antiforgery token beside the row's form fields.
    /// </summary>
    private static async Task<Observed> SendAsync(SecurityWorld world, Caller caller, MatrixRow row)
    {
        var method = new HttpMethod(row.Endpoint.Method == "ANY" ? "GET" : row.Endpoint.Method);
        var request = new HttpRequestMessage(method, world.Fill(row.Url));
        var body = world.Fill(row.Body);
        HttpClient client;
        if (row.Endpoint.IsApi)
        {
            client = caller.Api;
            if (method != HttpMethod.Get)
            {
                request.Content = body.StartsWith(MultipartBody, StringComparison.Ordinal) ? Multipart(body[MultipartBody.Length..]) : new StringContent(body, Encoding.UTF8, "application/json");
            }
        }
        else
        {
            client = caller.Browser.Client;
            if (method != HttpMethod.Get)
            {
                var fields = body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2))
                    .Select(f => new KeyValuePair<string, string>(Uri.UnescapeDataString(f[0]), Uri.UnescapeDataString(f.ElementAtOrDefault(1) ?? "")));
                request.Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", await world.AntiforgeryAsync(caller))));
            }
        }
        using var response = await client.SendAsync(request);
        return Classify(response);
    }

    /// <summary>An API upload's body is written "multipart k=v&amp;file=name.pdf": the fields, and a PDF under that name as the file.</summary>
    private const string MultipartBody = "multipart ";

    private static MultipartFormDataContent Multipart(string fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).Select(f => (f[0], f.ElementAtOrDefault(1) ?? "")))
        {
            if (key == "file")
            {
                content.Add(new ByteArrayContent(Builders.Pdf), "file", value);
            }
            else
            {
                content.Add(new StringContent(value), key);
            }
        }
        return content;
    }

    /// <summary>
    /// allow: answered (2xx, or a redirect elsewhere than the login or error page); refuse: reached the endpoint and was
    /// refused as invalid or conflicting (400, 409, 422); deny: 403, 404 or the redirect to /Error; login: 401 or the
    /// redirect to the login page; anything else is its status code.
    /// </summary>
    public static Observed Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var detail = location.Length > 0 ? $"{status} → {location}" : status.ToString();
        var outcome = status switch
        {
            401 => "login",
            403 or 404 => "deny",
            400 or 409 or 422 => "refuse",
            >= 300 and < 400 when location.Contains("/Account/Login", StringComparison.Ordinal) => "login",
            >= 300 and < 400 when location.StartsWith("/Error", StringComparison.Ordinal) => "deny",
            >= 200 and < 400 => "allow",
            _ => status.ToString(),
        };
        return new Observed(outcome, detail);
    }
}
