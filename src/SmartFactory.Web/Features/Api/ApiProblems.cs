using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SmartFactory.Domain;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>The one place that turns API refusals into ProblemDetails with Chinese titles and messages.</summary>
public static class ApiProblems
{
    public static string Title(int status) => status switch
    {
        400 => "请求无效",
        401 => "未认证：请在 Authorization 头中提供有效的个人访问令牌（Bearer sf_…）",
        403 => "无权执行该操作",
        404 => "找不到该资源，或不在您的权限范围内",
        409 => "与当前状态冲突",
        405 => "该地址不支持此请求方法",
        413 => "请求内容过大",
        415 => "不支持的请求内容类型",
        429 => "请求过于频繁，请稍后再试",
        _ => "服务器内部错误",
    };

    public static ProblemHttpResult Problem(int status, string detail, IEnumerable<Problem>? problems = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = Title(status),
            Detail = detail,
            Extensions = problems is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new RefusedInput(p.Place, p.Message)).ToList(),
            },
        });

    /// <summary>A refusal that lists the first <paramref name="listed"/> problems and counts the rest in its detail.</summary>
    public static ProblemHttpResult Problem(int status, string detail, IReadOnlyList<Problem> problems, int listed) =>
        problems.Count <= listed ? Problem(status, detail, problems)
            : Problem(status, $"{detail}{UploadLimits.UnlistedText(problems.Count - listed)}", problems.Take(listed));

    public static ProblemHttpResult Invalid(string detail, IEnumerable<string>? messages = null) =>
        Problem(400, detail, messages?.Select(m => new Problem("", m)));

    /// <summary>Refused request-body fields: the detail lists every message, and each error carries the JSON path of its field.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<Problem> fields) =>
        Problem(400, string.Join(" ", fields.Select(p => p.Message)), fields.Select(p => p with { Place = JsonPath(p.Place) }));

    private static string JsonPath(string property) => property.Length == 0 ? "$" : $"$.{char.ToLowerInvariant(property[0])}{property[1..]}";

    /// <summary>Describes in the OpenAPI document that the endpoint answers these statuses with a <see cref="Refusal"/>.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder endpoints, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            endpoints.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Refusal), ["application/problem+json"]));
        }
        return endpoints;
    }

    public static ProblemHttpResult NotFound() => Problem(404, "找不到该资源，或不在您的权限范围内。");

    public static ProblemHttpResult Forbidden(string detail) => Problem(403, detail);

    /// <summary>Chinese titles for the framework's own ProblemDetails (401/403/404/429/500 without a handler of ours).</summary>
    public static void UseChineseTitles(ProblemDetailsOptions options) => options.CustomizeProblemDetails = context =>
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        if (context.ProblemDetails.Title is null || context.ProblemDetails.Title.All(c => c < 128))
        {
            context.ProblemDetails.Title = Title(status);
        }
        context.ProblemDetails.Extensions.Remove("exception");
        if (status == 400 && context.ProblemDetails.Detail is null or { Length: > 0 } && (context.ProblemDetails.Detail ?? "").All(c => c < 128))
        {
            context.ProblemDetails.Detail = "请求体不是有效的 JSON，或字段类型不正确（例如数字写成了文字），请对照 /openapi/v1.json 检查。";
        }
        if (status == 415 && context.ProblemDetails.Detail is null)
        {
            // Routing refuses a body whose Content-Type the endpoint does not accept before any handler of ours runs.
            context.ProblemDetails.Detail = "该接口不接受此 Content-Type 的请求体，请对照 /openapi/v1.json 中该接口的说明。";
        }
    };
}

/// <summary>
/// Every refusal of the API as the OpenAPI document describes it: ProblemDetails with a Chinese <c>title</c> (one per
/// status) and <c>detail</c>; a refusal of the input also lists each problem in <c>errors</c>.
/// </summary>
public sealed class Refusal : ProblemDetails
{
    public IReadOnlyList<RefusedInput>? Errors { get; init; }
}

/// <summary>One refused input: <c>place</c> is the JSON path of the field (<c>$.dtScore</c>) or, for grading, the CLI's place.</summary>
public sealed record RefusedInput(string Place, string Message);
