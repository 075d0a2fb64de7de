using System.Text;

namespace SmartFactory.Web.Tests;

/// <summary>What a hostile request carries: nothing, a raw body with a content type, a form, or a form with a file.</summary>
public abstract record HostileBody
{
    public sealed record None : HostileBody;

    public sealed record Raw(byte[] Bytes, string? ContentType) : HostileBody;

    /// <summary>A form; <paramref name="Antiforgery"/> false leaves the token out, "bogus" sends a wrong one.</summary>
    public sealed record Form(IReadOnlyList<KeyValuePair<string, string>> Fields, string Antiforgery = "valid") : HostileBody;

    public sealed record Upload(IReadOnlyList<KeyValuePair<string, string>> Fields, string FileName, byte[] Content) : HostileBody;
}

/// <summary>
/// One request of the corpus: who sends it (a column of <see cref="SecurityWorld.Principals"/>), what, and which tables a
/// refusal may still write (a failed login is audited).
/// </summary>
public sealed record HostileRequest(string Name, string Caller, string Method, string Url, HostileBody Body, string[]? MayRecord = null);

/// <summary>
/// The hostile-input corpus (issue 12 part 7): every hostile value in every field of the app's JSON bodies, forms and query
/// strings, malformed and oddly typed bodies, odd ids in routes, forms without their antiforgery token, uploads with
/// hostile names and contents, workbooks that are not workbooks, and methods nobody maps. Placeholders in URLs and
/// templates are <see cref="SecurityWorld"/>'s.
/// </summary>
public static class HostileInputs
{
    /// <summary>Strings a field may be sent instead of its value.</summary>
    public static readonly string[] Strings =
    [
        "", " ", "\0", "a\0b", "'; DROP TABLE Users; --", "1' OR '1'='1", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "../../../../etc/passwd", "..\\..\\appsettings.json", "\u202Egnp.exe", "😀🏭🇨🇳", "\uFEFF12", "１２３", "%00%0d%0a", "\r\nSet-Cookie: x=1",
        "${jndi:ldap://x/a}", "{{7*7}}", "-1", "2147483648", "-9223372036854775809", "1e309", "NaN", "Infinity", "0x1F", "null", "true",
        "2026-02-30", "0001-01-01", "9999-12-31", new string('长', 5000), new string('x', 70_000),
    ];

    /// <summary>JSON values of the wrong type or size.</summary>
    public static readonly string[] JsonTokens =
    [
        "null", "true", "[]", "{}", "-1", "0", "2147483648", "-2147483649", "1e309", "99999999999999999999999999999", "-0.0000001", "\"\\u0000\"", "[1,[2,[3]]]", "{\"$ref\":\"#\"}",
    ];

    /// <summary>Whole bodies that are not what a JSON endpoint takes (name, content type, bytes).</summary>
    public static IEnumerable<(string Name, string? ContentType, byte[] Bytes)> BadBodies(string valid)
    {
        const string json = "application/json";
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        yield return ("empty", json, []);
        yield return ("open brace", json, Utf8("{"));
        yield return ("cut off", json, Utf8(valid[..(valid.Length / 2)]));
        yield return ("a string", json, Utf8("\"level\""));
        yield return ("a number", json, Utf8("123"));
        yield return ("null", json, Utf8("null"));
        yield return ("an array", json, Utf8("[" + valid + "]"));
        yield return ("trailing comma", json, Utf8(valid.TrimEnd('}') + ",}"));
        yield return ("comment", json, Utf8("/* x */" + valid));
        yield return ("duplicated keys", json, Utf8(valid.TrimEnd('}') + "," + valid.TrimStart('{')));
        yield return ("nested 5000 deep", json, Utf8(new string('[', 5000) + new string(']', 5000)));
        yield return ("1 MB string", json, Utf8("{\"x\":\"" + new string('a', 1 << 20) + "\"}"));
        yield return ("invalid UTF-8", json, [.. Utf8("{\"level\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")]);
        yield return ("NUL bytes", json, [0, 0, 0, 0]);
        yield return ("BOM", json, [0xEF, 0xBB, 0xBF, .. Utf8(valid)]);
        yield return ("as text/plain", "text/plain", Utf8(valid));
        yield return ("as XML", "application/xml", Utf8("<level>none</level>"));
        yield return ("no content type", null, Utf8(valid));
    }

    /// <summary>
    /// Values of an id in a route: negative, overflowing, not a number, encoded traversal. Not %00: Kestrel refuses a NUL
    /// in a path before the app sees it, and the test server's client throws on it.
    /// </summary>
    public static readonly string[] Ids = ["-1", "0", "2147483648", "99999999999999999999", "abc", "1.5", "1e3", "%2500", "..%2F..%2Fetc", "%2e%2e", "'%20OR%201=1", "%F0%9F%98%80"];

    /// <summary>JSON endpoints: caller, method, URL and a valid body template whose top-level fields are mutated one at a time.</summary>
    private static readonly (string Caller, string Method, string Url, string Template)[] JsonEndpoints =
    [
        ("ent-admin", "PUT", "/api/v1/enterprises/{enterprise}/draft/basics", """{"dtScore":75,"dtDate":"2026-10-01","cmmmLevel":2,"attested":[]}"""),
        ("ent-admin", "PUT", "/api/v1/enterprises/{enterprise}/draft/ratings/{scenario}", """{"level":"none","ai":false,"evidence":null}"""),
        ("county-in", "POST", "/api/v1/applications/{application}/transitions", """{"action":"none","comment":null,"batchYear":null}"""),
        ("sys-admin", "POST", "/api/v1/library/{ruleSetKey}/publish", """{"appliesFrom":2026}"""),
        ("sys-admin", "POST", "/api/v1/library/{ruleSetKey}/simulations", """{"division":null}"""),
        // Last: with a hostile value that happens to be accepted the draft would be submitted, and the ones above would then start a new round.
        ("ent-admin", "POST", "/api/v1/enterprises/{enterprise}/draft/submit", """{"signatory":"李四","position":"总经理","pledgeDate":"2026-11-25","agree":false}"""),
    ];

    /// <summary>Forms: caller, the page that takes the post, and its valid fields, each mutated in turn.</summary>
    private static readonly (string Caller, string Url, (string Name, string Value)[] Fields, string[]? MayRecord)[] Forms =
    [
        ("ent-admin", "/Assessments?handler=Basics", [("Input.DtScore", "75"), ("Input.DtDate", "2026-10-01"), ("Input.CmmmLevel", "2"), ("Input.CmmmScore", "2.5"), ("Input.Attested", "x"), ("Input.BasicEvidence", "说明")], null),
        ("ent-admin", "/Assessments?handler=Basics", [("field", "Input.CmmmScore"), ("Input.CmmmScore", "2.5"), ("Input.DtScore", "75")], null),
        ("ent-admin", "/Assessments?handler=Basics", [("field", "Input.Attested"), ("Input.Attested", "x")], null),
        ("ent-admin", "/Assessments?handler=DeleteFile", [("id", "{submittedEvidence}")], null),
        ("ent-admin", "/Assessments/Stage/{stage}?handler=DeleteFile", [("id", "{submittedEvidence}")], null),
        ("ent-admin", "/Assessments/Stage/{stage}?handler=Rate", [("no", "{scenario}"), ("level", "none"), ("ai", "false"), ("evidence", "说明")], null),
        ("ent-admin", "/Team/Users", [("DisplayName", "王五"), ("Login", "not-an-address")], null),
        // Id 0 is nobody: with any kind, and with any id and a valid kind, nothing may be reset (decision 033).
        ("ent-admin", "/Team/Users?handler=Reset", [("id", "0"), ("kind", "Link")], null),
        ("anon", "/Account/Forgot", [("Login", "nobody@example.cn")], ["AuditEvents"]),
        ("anon", "/Account/Reset", [("Token", "00ff"), ("Password", "Renewed2026x"), ("Confirm", "Renewed2026x")], null),
        ("ent-admin", "/Team/Providers?handler=Grant", [("Login", "nobody@example.cn")], null),
        ("provider", "/Providers/Profile", [("Introduction", "简介"), ("Contact", "025-88886666"), ("Offers[1]", "advanced"), ("Cities", "320500"),
            ("Cases[0].Title", "设备联网"), ("Cases[0].EnterpriseType", "汽车零部件"), ("Cases[0].Text", "说明")], null),
        ("ent-admin", "/Account/Tokens?handler=Create", [("Name", "脚本"), ("Days", "0")], null),
        // The year is always refused, so no mutation of another field saves a target.
        ("ent-admin", "/Assessments/Result/{submission}?handler=Roadmap", [("tier", "leading"), ("year", "1999"), ("aiFlagCost", "1"), ("step8", "2")], null),
        ("ent-admin", "/Assessments/Submit", [("Pledge.Signatory", "李四"), ("Pledge.Position", "总经理"), ("Pledge.PledgeDate", "2026-11-25"), ("Pledge.Agree", "false")], null),
        ("county-in", "/Officials/Application/{application}", [("Action", "0"), ("Comment", "意见"), ("BatchYear", "2026"),
            ("Recognition.DocumentNo", "苏工信智能〔2026〕12号"), ("Recognition.RecognisedOn", "2026-11-25"), ("Recognition.ValidUntil", "2029-11-24")], null),
        ("province", "/Officials/Targets", [("counts[320505]", "-5")], null),
        ("province", "/Officials/Users", [("DisplayName", "赵六"), ("Login", "not-an-address"), ("Division", "320505")], null),
        ("anon", "/Account/Login", [("Login", "nobody@example.cn"), ("Password", "wrong")], ["AuditEvents"]),
        ("anon", "/Account/Register", [.. Builders.Registration("91320505MA1000990X", "not-an-address").Select(p => (p.Key, p.Value)), ("Input.IsFlagshipChain", "true")], null),
    ];

    /// <summary>GET pages and API routes with query values; each value mutated in turn.</summary>
    private static readonly (string Caller, string Url, string[] Parameters)[] Queries =
    [
        ("province", "/Officials", ["Filter.City", "Filter.County", "Filter.Q", "Filter.Sort", "Filter.Page"]),
        ("province", "/Officials/Applications", ["Filter.Q", "Filter.Page", "Filter.Desc"]),
        ("province", "/Officials?handler=Csv", ["Filter.Q", "Filter.County"]),
        ("province", "/Officials/Applications?handler=Csv", ["Filter.Q"]),
        ("province", "/Officials/Dashboard", ["Year", "City"]),
        ("audit-admin", "/Audit", ["Filter.From", "Filter.To", "Filter.Who", "Filter.Action", "Filter.Before"]),
        ("sys-admin", "/Admin/RuleSet", ["key"]),
        ("ent-admin", "/api/v1/enterprises", ["q", "page"]),
        ("anon", "/verify", ["code"]),
    ];

    /// <summary>Routes with an id; each gets every value of <see cref="Ids"/>.</summary>
    private static readonly (string Caller, string Url)[] IdRoutes =
    [
        ("ent-admin", "/api/v1/enterprises/{x}"),
        ("county-in", "/api/v1/assessments/{x}/result"),
        ("sys-admin", "/api/v1/library/{x}/diff"),
        ("anon", "/api/v1/rulesets/{x}/{x}"),
        ("ent-admin", "/files/{x}"),
        ("county-in", "/Officials/Enterprise/{x}"),
        ("ent-admin", "/Assessments/Result/{x}"),
        ("sys-admin", "/Admin/Simulation?id={x}&handler=Progress"),
        ("anon", "/verify/{x}"),
        ("ent-admin", "/Assessments/Certificate/{x}"),
        ("county-in", "/Officials/Certificate/{x}"),
        ("province", "/Officials/Publicity/{x}"),
        ("ent-admin", "/Pool/{x}"),
    ];

    /// <summary>File names an upload may claim, and contents that are not what they claim.</summary>
    public static readonly string[] FileNames = ["../../../../tmp/evil.pdf", "..\\..\\evil.pdf", "a\0.pdf", "\u202Efdp.exe", "con.pdf", "", new string('长', 300) + ".pdf", "<script>.pdf", "报告.pdf.exe", ".pdf"];

    public static IEnumerable<(string Name, byte[] Bytes)> FileContents()
    {
        yield return ("empty", []);
        yield return ("an executable", [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0]);
        yield return ("HTML", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"));
        yield return ("over the limit", [.. Builders.Pdf, .. new byte[70_000]]);
        yield return ("a zip", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]);
    }

    public static IEnumerable<HostileRequest> All()
    {
        foreach (var (caller, method, url, template) in JsonEndpoints)
        {
            foreach (var (field, value) in JsonFields(template))
            {
                foreach (var hostile in Strings.Select(s => System.Text.Json.JsonSerializer.Serialize(s)).Concat(JsonTokens).Where(h => !Agrees(field, h)))
                {
                    var body = template.Replace($"\"{field}\":{value}", $"\"{field}\":{hostile}");
                    yield return new($"{url} {field}={Short(hostile)}", caller, method, url, new HostileBody.Raw(Encoding.UTF8.GetBytes(body), "application/json"));
                }
            }
            foreach (var (name, type, bytes) in BadBodies(template))
            {
                yield return new($"{url} {name}", caller, method, url, new HostileBody.Raw(bytes, type));
            }
        }
        foreach (var (name, type, bytes) in BadBodies("{\"assessment\":1}"))
        {
            yield return new($"grade {name}", "anon", "POST", "/api/v1/grade", new HostileBody.Raw(bytes, type));
        }
        foreach (var (name, type, bytes) in BadBodies("{\"x\":1}").Where(b => b.Name is "empty" or "1 MB string" or "invalid UTF-8" or "as XML"))
        {
            yield return new($"library load {name}", "sys-admin", "POST", "/api/v1/library", new HostileBody.Raw(bytes, type));
        }
        foreach (var (caller, url, fields, mayRecord) in Forms)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                foreach (var hostile in Strings.Where(h => !Agrees(fields[i].Name, h)))
                {
                    var mutated = fields.Select((f, j) => new KeyValuePair<string, string>(f.Name, j == i ? hostile : f.Value)).ToList();
                    yield return new($"{url} {fields[i].Name}={Short(hostile)}", caller, "POST", url, new HostileBody.Form(mutated), mayRecord);
                }
            }
            var valid = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
            yield return new($"{url} without antiforgery token", caller, "POST", url, new HostileBody.Form(valid, "none"), mayRecord);
            yield return new($"{url} with a forged antiforgery token", caller, "POST", url, new HostileBody.Form(valid, "bogus"), mayRecord);
            yield return new($"{url} duplicated fields", caller, "POST", url, new HostileBody.Form([.. valid, .. valid.Select(f => new KeyValuePair<string, string>(f.Key, "-1"))]), mayRecord);
        }
        foreach (var (caller, url, parameters) in Queries)
        {
            foreach (var parameter in parameters)
            {
                foreach (var hostile in Strings.Where(s => s.Length < 10_000))
                {
                    var separator = url.Contains('?') ? '&' : '?';
                    yield return new($"{url} ?{parameter}={Short(hostile)}", caller, "GET", $"{url}{separator}{parameter}={Uri.EscapeDataString(hostile)}", new HostileBody.None());
                }
            }
        }
        foreach (var (caller, url) in IdRoutes)
        {
            foreach (var id in Ids)
            {
                yield return new($"{url} x={id}", caller, "GET", url.Replace("{x}", id), new HostileBody.None());
            }
        }
        foreach (var (url, fields) in new[] { ("/Assessments?handler=Upload", new[] { ("purpose", "dt") }), ("/Assessments/Stage/{stage}?handler=Upload", new[] { ("no", "{scenario}") }) })
        {
            var form = fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).ToList();
            foreach (var name in FileNames)
            {
                yield return new($"{url} file name {Short(name)}", "ent-admin", "POST", url, new HostileBody.Upload(form, name, Builders.Pdf));
            }
            foreach (var (name, bytes) in FileContents())
            {
                yield return new($"{url} {name}", "ent-admin", "POST", url, new HostileBody.Upload(form, "报告.pdf", bytes));
            }
        }
        yield return new("upload purpose hostile", "ent-admin", "POST", "/Assessments?handler=Upload", new HostileBody.Upload([new("purpose", "../../x")], "报告.pdf", Builders.Pdf));
        foreach (var (name, bytes) in Workbooks())
        {
            yield return new($"import {name}", "provider+grant", "POST", "/Providers/Import", new HostileBody.Upload([], "评价.xlsx", bytes));
            yield return new($"library upload {name}", "sys-admin", "POST", "/Admin", new HostileBody.Upload([], "规则集.xlsx", bytes));
        }
        foreach (var (name, bytes) in FileContents())
        {
            yield return new($"library upload json {name}", "sys-admin", "POST", "/Admin", new HostileBody.Upload([], "规则集.json", bytes));
        }
        foreach (var method in new[] { "PAGE", "PROPFIND", "DELETE", "PATCH", "TRACE", "OPTIONS", "PUT" })
        {
            yield return new($"{method} a page", "ent-admin", method, "/Assessments?handler=Basics", new HostileBody.None());
            yield return new($"{method} an API route", "ent-admin", method, "/api/v1/enterprises/{enterprise}", new HostileBody.None());
        }
    }

    /// <summary>Workbooks that are not, and real ones with hostile cells, for the import and the library.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Workbooks()
    {
        yield return ("garbage", Encoding.UTF8.GetBytes("not a workbook at all"));
        yield return ("a zip that is no workbook", [0x50, 0x4B, 0x05, 0x06, .. new byte[18]]);
        yield return ("empty", []);
        string[] headers = ["统一社会信用代码", "企业名称（仅供核对）", "数字化转型评估得分", "评估日期", "成熟度等级（0–5）", "基本要求全部满足（是/否）"];
        foreach (var hostile in Strings.Where(s => s.Length < 10_000).Take(16))
        {
            yield return ($"cells {Short(hostile)}", ImportBuilders.Workbook(headers, headers.ToDictionary(h => h, object? (_) => hostile)));
        }
    }

    /// <summary>
    /// The pledge is never sent as agreed: that is a real submission, which ends the draft the later requests write to
    /// (and the next one that opens the draft pages starts a new round, a write the snapshot would count against it).
    /// </summary>
    private static bool Agrees(string field, string value) => field is "agree" or "Pledge.Agree" && value is "true" or "\"true\"";

    /// <summary>The top-level fields of a flat JSON object with their values as written.</summary>
    private static IEnumerable<(string Field, string Value)> JsonFields(string template)
    {
        using var document = System.Text.Json.JsonDocument.Parse(template);
        return document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())).ToList();
    }

    private static string Short(string value)
    {
        var printable = new string(value.Take(24).Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return value.Length > 24 ? $"{printable}…({value.Length})" : printable;
    }
}
