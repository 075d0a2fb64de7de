using System.Text.Json;
using System.Text.Json.Nodes;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Web.Features.Api;

/// <summary>An example request body, and optionally the response to it, shown for the endpoint in the OpenAPI document.</summary>
public sealed record ApiExample(JsonNode Request, Func<IServiceProvider, JsonNode>? Response = null);

/// <summary>
/// The examples of the OpenAPI document, in the API's own JSON. The grading example is the CLI's examples/assessment.json
/// (embedded), and its response is that file graded by the app, so the document cannot show an answer the app does not give.
/// </summary>
public static class ApiExamples
{
    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder endpoint, object request, Func<IServiceProvider, JsonNode>? response = null) =>
        endpoint.WithMetadata(new ApiExample(Node(request), response));

    /// <summary>The one example assessment of the repository (examples/assessment.json), as the CLI and the API read it.</summary>
    public static string Assessment { get; } = ReadEmbedded("examples.assessment.json");

    public static JsonNode GradedAssessment(IServiceProvider services)
    {
        var editions = services.GetRequiredService<EditionLibrary>();
        var assessment = AssessmentReader.Read(Assessment, editions).Assessments.Single();
        var result = Grader.Grade(assessment, editions.Catalog(assessment.Edition)!, editions.RuleSetFor(assessment)!).ToDto();
        return JsonNode.Parse(JsonSerializer.Serialize(result, Wire.Options))!;
    }

    public static readonly object Basics = new
    {
        dtScore = 72.5m,
        dtDate = "2026-10-01",
        cmmmLevel = 2,
        cmmmScore = 2.35m,
        cmmmDate = "2026-09-15",
        cmmmSource = "江苏省智能制造能力成熟度诊断平台",
        attested = new[] { "registered", "operation", "secure", "organisation" },
        basicEvidence = "近三年未发生较大及以上安全、环保、质量事故。",
    };

    public static readonly RatingRequest Rating = new("advanced", Ai: true, Evidence: "MES 与 APS 已集成，排产由算法给出。");

    public static readonly IssuedApi.IssuedResultRequest[] IssuedResults =
    [
        new("dt", "91320505MA1000010C", JsonSerializer.SerializeToElement(72.5), null, "2026-10-15", "江苏省数字化转型服务旗舰店", "DT-2026-0001"),
        new("cmmm", "91320505MA1000010C", null, JsonSerializer.SerializeToElement(3), "2026-09-30", "国家智能制造能力成熟度评估平台", "CMMM-320505-0007"),
    ];

    public static readonly RoadmapApi.RoadmapTargetRequest Roadmap = new("excellent", 2028, 2, new() { [12] = 3, [25] = 5 });

    /// <summary>The fields of an upload beside its file (multipart/form-data).</summary>
    public static readonly object Upload = new { scenario = 8, file = "(PDF、图片或 Office 文档)" };

    public static readonly object Pledge = new { signatory = "李四", position = "总经理", pledgeDate = "2026-11-25", agree = true };

    public static readonly TransitionRequest Transition = new("recognise", "现场核查情况属实，同意认定。", null, "苏工信智〔2026〕12 号", new DateOnly(2026, 12, 1), null);

    /// <summary>A rule-set version for the JS-2027 catalog (examples/editions/JS-2027-rules.json; its catalog is loaded first).</summary>
    public static JsonNode RuleSetVersion { get; } = JsonNode.Parse(ReadEmbedded("examples.JS-2027-rules.json"))!;

    public static readonly LibraryApi.PublishRequest Publish = new(2027);

    public static readonly LibraryApi.SimulateRequest Simulate = new("320500");

    private static JsonNode Node(object value) => value as JsonNode ?? JsonSerializer.SerializeToNode(value, Wire.Options)!;

    private static string ReadEmbedded(string name)
    {
        using var stream = typeof(ApiExamples).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
