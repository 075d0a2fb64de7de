using SmartFactory.Domain;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartFactory.Cli;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>The public API: catalogs, rule sets and stateless grading, the same as the command line's output.</summary>
public sealed class ApiCatalogTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static string Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Commands.Run(args, output, error);
        Assert.True(exit == Commands.Ok, error.ToString());
        return output.ToString();
    }

    [Fact]
    public async Task ListsTheCatalogsWithoutALogin()
    {
        var catalogs = await JsonAsync(await Api(_app).GetAsync("/api/v1/catalogs"));

        var current = Assert.Single(catalogs.EnumerateArray(), c => c.GetProperty("current").GetBoolean());
        Assert.Equal("JS-2026", current.GetProperty("edition").GetString());
        Assert.Equal(40, current.GetProperty("scenarioCount").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(current.GetProperty("title").GetString()));
        Assert.Equal(Builders.Catalog(_app).Stages, current.GetProperty("stages").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task ServesTheFortyScenariosExactlyAsTheCommandLineCatalog()
    {
        var response = await Api(_app).GetAsync("/api/v1/catalogs/JS-2026/scenarios");

        var scenarios = await JsonAsync(response);
        Assert.Equal(40, scenarios.GetArrayLength());
        var api = JsonNode.Parse(scenarios.GetRawText());
        var command = JsonNode.Parse(Cli("catalog", "--json"));
        Assert.True(JsonNode.DeepEquals(command, api), "the API's scenarios differ from `catalog --json`");
        var first = scenarios[0];
        Assert.Equal(1, first.GetProperty("no").GetInt32());
        Assert.True(first.GetProperty("descriptions").TryGetProperty("advanced", out _));
        var help = Builders.Catalog(_app).Scenarios[0].Help;
        Assert.Equal(help.Meaning, first.GetProperty("help").GetProperty("meaning").GetString());
        Assert.Equal(help.Evidence[Tier.Advanced], first.GetProperty("help").GetProperty("evidence").GetProperty("advanced").GetString());
        Assert.Equal(help.Examples, first.GetProperty("help").GetProperty("examples").EnumerateArray().Select(e => e.GetString()!));
    }

    [Theory]
    [InlineData("/api/v1/catalogs/JS-1999/scenarios")]
    [InlineData("/api/v1/rulesets/JS-2026/1999.9")]
    [InlineData("/api/v1/rulesets/nope/2026.1")]
    public async Task AnUnknownEditionOrRuleSetIsNotFound(string url)
    {
        var problem = await ProblemAsync(await Api(_app).GetAsync(url), HttpStatusCode.NotFound, NotFound);

        Assert.Equal("找不到该资源，或不在您的权限范围内。", Detail(problem));
    }

    [Fact]
    public async Task ListsTheRuleSets()
    {
        var rulesets = await JsonAsync(await Api(_app).GetAsync("/api/v1/rulesets"));

        var js = Assert.Single(rulesets.EnumerateArray(), r => r.GetProperty("id").GetString() == "JS-2026");
        Assert.Equal("2026.1", js.GetProperty("version").GetString());
        Assert.Equal("JS-2026", js.GetProperty("catalogEdition").GetString());
    }

    [Fact]
    public async Task ServesEveryThresholdOfARuleSetWithItsProvenance()
    {
        var ruleset = await JsonAsync(await Api(_app).GetAsync("/api/v1/rulesets/JS-2026/2026.1"));

        Assert.Equal("JS-2026", ruleset.GetProperty("id").GetString());
        Assert.Equal("2026.1", ruleset.GetProperty("version").GetString());
        var tiers = ruleset.GetProperty("tiers").EnumerateArray().ToList();
        Assert.Equal(["workshop", "basic", "advanced", "excellent", "leading"], tiers.Select(t => t.GetProperty("tier").GetString()));
        string[] provenances = ["seed", "notice", "inferred", "placeholder"];
        var numbers = 0;
        foreach (var tier in tiers)
        {
            foreach (var gate in tier.EnumerateObject().Where(p => p.Name != "tier" && p.Value.ValueKind != JsonValueKind.Null))
            {
                var place = $"{tier.GetProperty("tier").GetString()}.{gate.Name}";
                Assert.True(gate.Value.ValueKind == JsonValueKind.Object, $"{place} is not {{value, provenance}}");
                Assert.True(gate.Value.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null, $"{place} has no value");
                Assert.Contains(gate.Value.GetProperty("provenance").GetString(), provenances);
                numbers++;
            }
        }
        Assert.True(numbers >= 5 * 2, $"only {numbers} thresholds served");
        var advanced = tiers[2];
        Assert.Equal(JsonValueKind.Number, advanced.GetProperty("recommendFromDtScore").GetProperty("value").ValueKind);
        var application = ruleset.GetProperty("application");
        Assert.Equal(60, application.GetProperty("minDtScore").GetDecimal());
        Assert.Equal(2, application.GetProperty("minCmmmLevel").GetInt32());
        Assert.Equal("advanced", application.GetProperty("minReferenceLevel").GetString());
        Assert.Equal("notice", application.GetProperty("provenance").GetString());
    }

    [Theory]
    [InlineData("aboveScaleGoal", "share", "0.5", "notice")]
    [InlineData("aboveScaleGoal", "byYear", "2027", "notice")]
    [InlineData("reviewFlags", "farAboveCmmm", "2", "placeholder")]
    [InlineData("reviewFlags", "jumpTiers", "2", "placeholder")]
    [InlineData("peerBenchmark", "minimumPeers", "5", "placeholder")]
    public async Task ServesThePolicyFiguresOfARuleSetWithTheirProvenance(string section, string figure, string value, string provenance)
    {
        var ruleset = await JsonAsync(await Api(_app).GetAsync("/api/v1/rulesets/JS-2026/2026.1"));

        var sourced = ruleset.GetProperty(section).GetProperty(figure);
        Assert.Equal((value, provenance), (sourced.GetProperty("value").GetRawText(), sourced.GetProperty("provenance").GetString()));
        var basics = ruleset.GetProperty("basicRequirements");
        Assert.Equal("notice", basics.GetProperty("provenance").GetString());
        Assert.Contains(basics.GetProperty("items").EnumerateArray(), r => r.GetProperty("key").GetString() == "secure" && r.GetProperty("text").GetString() == "关键设备、工业软件安全可控");
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task GradesTheExampleExactlyAsTheCommandLineDoes()
    {
        var file = RepositoryFile("examples", "assessment.json");

        var response = await Api(_app).PostAsync("/api/v1/grade", Body(await File.ReadAllTextAsync(file)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Cli("grade", file, "--json").TrimEnd('\r', '\n'), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GradesAnArrayExactlyAsTheCommandLineDoes()
    {
        var example = await File.ReadAllTextAsync(RepositoryFile("examples", "assessment.json"));
        var array = $$"""[{{example}}, { "dtScore": 30, "cmmmLevel": 0 }, { "edition": "JS-2026", "dtScore": 95, "cmmmLevel": 4, "basicRequirementsMet": true, "scenarios": [{ "no": 1, "level": "none" }] }]""";
        var file = Path.Combine(Path.GetTempPath(), $"sf-api-array-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, array);
        try
        {
            var response = await Api(_app).PostAsync("/api/v1/grade", Body(array));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(Cli("grade", file, "--json").TrimEnd('\r', '\n'), body);
            Assert.Equal(3, JsonDocument.Parse(body).RootElement.GetArrayLength());
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "{ \"dtScore\": 70, ", "$", "JSON 格式错误" },
        { """{ "dtScore": 70, "cmmmLevel": 2, "scenarios": [{ "no": 41, "level": "basic" }] }""", "$.scenarios[0]（场景 41）", "场景目录 JS-2026 中没有编号为 41 的场景" },
        { """{ "dtScore": 120, "cmmmLevel": 2 }""", "$.dtScore", "数字化转型评估得分应在 0–100 之间，实际为 120。" },
        { """{ "dtScore": 70, "cmmmLevel": 2.5 }""", "$.cmmmLevel", "整数" },
        { "[]", "$", "数组为空，没有可评估的记录。" },
        { """{ "dtScore": 70, "cmmmLevel": 2, "scenarios": [{ "no": 1, "level": "nonsense" }] }""", "$.scenarios[0]（场景 1）.level", "无法识别的等级“nonsense”" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesInvalidInputWithEveryProblemInChineseAndGradesNothing(string body, string place, string message)
    {
        var response = await Api(_app).PostAsync("/api/v1/grade", Body(body));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, Invalid);
        Assert.Equal("输入无效，未进行评级。", Detail(problem));
        var errors = Errors(problem);
        Assert.Contains(errors, e => e.Place == place && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.False(problem.TryGetProperty("referenceLevel", out _));
        Assert.False(problem.TryGetProperty("tiers", out _));
    }

    [Fact]
    public async Task RefusesATierTheScenarioDoesNotDefine()
    {
        var catalog = Builders.Catalog(_app);
        var (scenario, tier) = catalog.Scenarios.SelectMany(s => Domain.Tiers.All.Where(t => !s.IsDefined(t)).Select(t => (s, t))).First();
        var body = $$"""{ "dtScore": 70, "cmmmLevel": 2, "scenarios": [{ "no": {{scenario.No}}, "level": "{{Domain.Tiers.Code(tier)}}" }] }""";

        var problem = await ProblemAsync(await Api(_app).PostAsync("/api/v1/grade", Body(body)), HttpStatusCode.BadRequest, Invalid);

        var error = Assert.Single(Errors(problem));
        Assert.Equal($"$.scenarios[0]（场景 {scenario.No}）.level", error.Place);
        Assert.Contains($"场景“{scenario.Name}”在{Domain.Tiers.ChineseName(tier)}没有定义（参考表中为“/”）", error.Message);
    }

    [Fact]
    public async Task RefusesABodyOverOneMegabyte()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat("""{ "dtScore": 70, "cmmmLevel": 2 }""", 40_000)) + "]";
        Assert.True(Encoding.UTF8.GetByteCount(big) > 1024 * 1024);

        var problem = await ProblemAsync(await Api(_app).PostAsync("/api/v1/grade", Body(big)), HttpStatusCode.RequestEntityTooLarge, "请求内容过大");

        Assert.Equal("请求内容不能超过 1024 KB。", Detail(problem));
    }

    [Fact]
    public async Task RefusesAnOversizedBodySentWithoutAContentLength()
    {
        var big = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("""{ "dtScore": 70, "cmmmLevel": 2 }""", 40_000)) + "]");
        var content = new StreamContent(new UnseekableStream(big));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/grade") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Api(_app).SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "请求内容过大");
        Assert.Equal("请求内容不能超过 1024 KB。", Detail(problem));
    }

    /// <summary>A stream whose length is unknown, so the request goes without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}

/// <summary>Anonymous grading is limited per client address (RateLimits:GradePerMinute).</summary>
public sealed class ApiGradeRateLimitTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheFourthGradeInAMinuteIsRefusedWithRetryAfter()
    {
        var api = Api(With(_app, "RateLimits:GradePerMinute", "3"));
        const string body = """{ "dtScore": 70, "cmmmLevel": 2 }""";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/grade", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
        }

        var refused = await api.PostAsync("/api/v1/grade", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, TooMany);
        Assert.Equal("请求过于频繁，请一分钟后再试。", Detail(problem));
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/catalogs")).StatusCode);
    }
}
