using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>The public part of the API: catalogs, rule sets and stateless grading. No login needed.</summary>
public static class CatalogApi
{
    public const int MaxGradeBytes = 1024 * 1024;

    public static void MapCatalogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/catalogs", (EditionLibrary editions) =>
                editions.Catalogs.Select(c => new CatalogSummary(c.Edition, c.Title, c.Scenarios.Count, c.Stages, c.Edition == editions.CurrentEdition)).ToList())
            .WithName("ListCatalogs").WithSummary("场景目录版本列表");
        api.MapGet("/catalogs/{edition}/scenarios", Results<Ok<List<ScenarioDto>>, ProblemHttpResult> (string edition, EditionLibrary editions) =>
                editions.Catalog(edition) is { } c ? TypedResults.Ok(c.Scenarios.Select(s => s.ToDto()).ToList()) : ApiProblems.NotFound())
            .WithName("ListScenarios").WithSummary("某版本场景目录的全部场景及各等级描述（与命令行 catalog --json 相同）").Refuses(404);
        api.MapGet("/rulesets", (EditionLibrary editions) =>
                editions.RuleSets.Select(r => new RuleSetSummary(r.Id, r.Version, r.CatalogEdition, r.Title)).ToList())
            .WithName("ListRuleSets").WithSummary("规则集版本列表");
        api.MapGet("/rulesets/{id}/{version}", Results<Ok<RuleSetDto>, ProblemHttpResult> (string id, string version, EditionLibrary editions) =>
                editions.RuleSet(id, version) is { } r ? TypedResults.Ok(RuleSetDto.Of(r)) : ApiProblems.NotFound())
            .WithName("GetRuleSet").WithSummary("规则集的全部门槛数值及其来源").Refuses(404);
        api.MapPost("/grade", GradeAsync)
            .WithName("Grade")
            .WithSummary("无状态评级：输入与命令行 grade 相同（一条评估或数组），输出与 grade --json 完全相同")
            .WithDescription("请求体为一条评估（如示例）或由多条评估组成的数组；数组的回答是同样顺序的结果数组。level 为等级代码（workshop、basic、advanced、excellent、leading）、中文等级名或 none。按尚未发布的规则集版本评级须附系统管理员的令牌。")
            .Accepts<GradeRequest>("application/json")
            .Produces<GradeResultDto>(200, "application/json")
            .Refuses(400, 413, 429)
            .WithExample(JsonNode.Parse(ApiExamples.Assessment)!, ApiExamples.GradedAssessment)
            .LimitedPerAddress();
    }

    private static async Task<IResult> GradeAsync(HttpRequest request, EditionLibrary editions)
    {
        if (request.ContentLength > MaxGradeBytes)
        {
            return ApiProblems.Problem(413, $"请求内容不能超过 {MaxGradeBytes / 1024} KB。");
        }
        if (await ReadAtMostAsync(request.Body, MaxGradeBytes) is not { } body)
        {
            return ApiProblems.Problem(413, $"请求内容不能超过 {MaxGradeBytes / 1024} KB。");
        }
        var batch = AssessmentReader.Read(body, editions);
        if (!batch.IsValid)
        {
            return ApiProblems.Problem(400, "输入无效，未进行评级。", batch.Problems);
        }
        var administrator = batch.Assessments.Any(a => a.RuleSetKey is not null) && await AdministratorAsync(request.HttpContext);
        if (batch.Assessments.Select(a => a.RuleSetKey).OfType<string>().FirstOrDefault(k => !MayGradeWith(k, editions, administrator)) is { } unpublished)
        {
            return ApiProblems.Problem(400, $"规则集版本 {unpublished} 尚未发布（或已撤回），只有系统管理员可以按它评级。");
        }
        var results = batch.Assessments.Select(a => Grader.Grade(a, editions.Catalog(a.Edition)!, editions.RuleSetFor(a)!).ToDto()).ToList();
        var json = batch.IsArray ? JsonSerializer.Serialize(results, Wire.Options) : JsonSerializer.Serialize(results[0], Wire.Options);
        return Results.Text(json, "application/json; charset=utf-8");
    }

    private static bool MayGradeWith(string key, EditionLibrary editions, bool administrator) =>
        administrator || (RuleSetKeys.TryParse(key, out var id, out var version) && editions.Entry(id, version)?.State == Publication.Published);

    /// <summary>Grading is public; grading with an unpublished version needs a system administrator's token (or session).</summary>
    private static async Task<bool> AdministratorAsync(HttpContext http)
    {
        if (http.User.IsInRole(nameof(Data.Role.SystemAdmin)))
        {
            return true;
        }
        var token = await http.AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
        return token.Succeeded && token.Principal.IsInRole(nameof(Data.Role.SystemAdmin));
    }

    /// <summary>The body as text, or null once it passes <paramref name="limit"/> bytes (a chunked body has no Content-Length to check first).</summary>
    private static async Task<string?> ReadAtMostAsync(Stream body, int limit)
    {
        using var memory = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk)) > 0)
        {
            if (memory.Length + read > limit)
            {
                return null;
            }
            memory.Write(chunk, 0, read);
        }
        memory.Position = 0;
        using var reader = new StreamReader(memory);
        return await reader.ReadToEndAsync();
    }
}

/// <summary>What POST /grade reads (the CLI's input, read by AssessmentReader): <c>edition</c> defaults to the current catalog, <c>ruleSet</c> ("ID@VERSION") to the one in force.</summary>
public sealed record GradeRequest(string? Edition, string? RuleSet, decimal DtScore, int CmmmLevel, bool? BasicRequirementsMet, IReadOnlyList<GradeScenario> Scenarios);

/// <summary>One rated scenario: <c>level</c> a tier code, a Chinese tier name or "none"; <c>ai</c> whether AI is used in it.</summary>
public sealed record GradeScenario(int No, string Level, bool? Ai);

public sealed record CatalogSummary(string Edition, string Title, int ScenarioCount, IReadOnlyList<string> Stages, bool Current);

public sealed record RuleSetSummary(string Id, string Version, string CatalogEdition, string Title);

public sealed record SourcedDto(object Value, string Provenance);

public sealed record TierRuleDto(
    string Tier, SourcedDto RecommendFromDtScore, SourcedDto? MinDtScore, SourcedDto? MinCmmmLevel, SourcedDto? BasicRequirements,
    SourcedDto? MinScenarios, SourcedDto? RequiredStages, SourcedDto? MinStagesCovered, SourcedDto? MinAiShare);

public sealed record ApplicationRuleDto(decimal MinDtScore, int MinCmmmLevel, string MinReferenceLevel, string Provenance);

public sealed record BasicRequirementsDto(IReadOnlyList<BasicRequirement> Items, string Provenance);

public sealed record AboveScaleGoalDto(string Tier, SourcedDto Share, SourcedDto ByYear);

public sealed record ReviewFlagsDto(SourcedDto FarAboveCmmm, SourcedDto JumpTiers);

public sealed record PeerBenchmarkDto(SourcedDto MinimumPeers);

/// <summary>The rule set as its data file has it: the tier gates and the policy figures and lists, each number with its provenance.</summary>
public sealed record RuleSetDto(
    string Id, string Version, string CatalogEdition, string Title, IReadOnlyList<TierRuleDto> Tiers, ApplicationRuleDto? Application,
    BasicRequirementsDto BasicRequirements, AboveScaleGoalDto AboveScaleGoal, ReviewFlagsDto ReviewFlags, PeerBenchmarkDto PeerBenchmark)
{
    public static RuleSetDto Of(RuleSet r) => new(r.Id, r.Version, r.CatalogEdition, r.Title,
        r.Tiers.Select(t => new TierRuleDto(t.Tier.Code(), S(t.RecommendFromDtScore)!, S(t.MinDtScore), S(t.MinCmmmLevel), S(t.BasicRequirements),
            S(t.MinScenarios), S(t.RequiredStages), S(t.MinStagesCovered), S(t.MinAiShare))).ToList(),
        r.Application is { } a ? new ApplicationRuleDto(a.MinDtScore, a.MinCmmmLevel, a.MinReferenceLevel.Code(), a.Provenance.Code()) : null,
        new BasicRequirementsDto(r.BasicRequirements.Items, r.BasicRequirements.Provenance.Code()),
        new AboveScaleGoalDto(r.AboveScaleGoal.Tier.Code(), S(r.AboveScaleGoal.Share)!, S(r.AboveScaleGoal.ByYear)!),
        new ReviewFlagsDto(S(r.ReviewFlags.FarAboveCmmm)!, S(r.ReviewFlags.JumpTiers)!),
        new PeerBenchmarkDto(S(r.MinimumPeers)!));

    private static SourcedDto? S<T>(Sourced<T>? s) => s is null ? null : new SourcedDto(s.Value!, s.Provenance.Code());
}
