using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Issued;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>The province's platform pushes issued results with its machine client's token (decision 039).</summary>
public static class IssuedApi
{
    /// <summary>One issued result: kind dt, cmmm or ai; score and level as JSON numbers; date as 2026-10-01.</summary>
    public sealed record IssuedResultRequest(string? Kind, string? CreditCode, JsonElement? Score, JsonElement? Level, string? Date, string? Issuer, string? Reference);

    public sealed record IssuedImportDto(IReadOnlyDictionary<string, int> Rows, int New, int Changed, int Unchanged, int DraftsUpdated);

    public static void MapIssuedApi(this RouteGroupBuilder api) =>
        api.MapPost("/issued-results", async (IssuedResultRequest[] rows, AppDbContext db, TimeProvider clock, ClaimsPrincipal user, IOptions<UploadOptions> options) =>
            {
                var limits = options.Value;
                if (rows.Length == 0 || rows.Length > limits.MaxRows)
                {
                    return ApiProblems.Invalid($"请求体应为 1–{limits.MaxRows} 条结果的数组，实际为 {rows.Length} 条。");
                }
                var now = clock.GetUtcNow().UtcDateTime;
                var (checkedRows, problems) = Check(rows, BeijingTime.Today(now));
                if (problems.Count > 0)
                {
                    return ApiProblems.Problem(400, $"未导入任何结果：{problems.Count} 处有误。", problems, limits.MaxListedProblems);
                }
                var import = await IssuedValues.StoreAsync(db, checkedRows, user.UserId()!.Value, now, "api");
                return Results.Ok(new IssuedImportDto(import.Rows.ToDictionary(k => IssuedRows.Key(k.Key), k => k.Value), import.New, import.Changed, import.Unchanged, import.Drafts));
            })
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = TokenAuthenticationHandler.SchemeName, Policy = Policies.PlatformClient })
            .WithMetadata(new PlatformClientEndpoint())
            .WithTags("平台对接")
            .WithSummary("推送平台出具的结果（全部通过检查才导入，否则一条也不导入）：只有平台对接客户端的令牌可调用")
            .WithName("PushIssuedResults").Produces<IssuedImportDto>().Refuses(400, 403).WithExample(ApiExamples.IssuedResults);

    /// <summary>Every row by the same check as the province's file; each problem placed at its row's JSON field.</summary>
    private static (List<IssuedRow> Rows, List<Problem> Problems) Check(IssuedResultRequest[] rows, DateOnly today)
    {
        var problems = new List<Problem>();
        var result = new List<IssuedRow>();
        var seen = new HashSet<(IssuedKind, string)>();
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var at = $"$[{i}]";
            if (IssuedRows.Kinds.Where(k => IssuedRows.Key(k) == r.Kind?.Trim().ToLowerInvariant()).Select(k => (IssuedKind?)k).FirstOrDefault() is not { } kind)
            {
                problems.Add(new($"{at}.kind", $"kind 应为 {string.Join("、", IssuedRows.Kinds.Select(IssuedRows.Key))} 之一。"));
                continue;
            }
            object? Cell(IssuedField field) => field switch
            {
                IssuedField.CreditCode => r.CreditCode,
                IssuedField.Score => Value(r.Score),
                IssuedField.Level => Value(r.Level),
                IssuedField.Date => r.Date,
                IssuedField.Issuer => r.Issuer,
                _ => r.Reference,
            };
            if (IssuedRows.Check(kind, Cell, today, (column, message) => problems.Add(new($"{at}.{column.Property}", message))) is not { } row)
            {
                continue;
            }
            if (!seen.Add((row.Kind, row.CreditCode)))
            {
                problems.Add(new($"{at}.creditCode", IssuedRows.Duplicate));
            }
            result.Add(row);
        }
        return (result, problems);
    }

    /// <summary>A JSON number or string as its text, null as nothing, so the one check reads it as it reads a cell.</summary>
    private static string? Value(JsonElement? e) => e?.ValueKind switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => e.Value.GetString(),
        _ => e.Value.GetRawText(),
    };
}
