using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Admin;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>The rule library for a system administrator's token: load, diff, simulate, publish, withdraw (decision 019).</summary>
public static class LibraryApi
{
    public sealed record LibraryEntryDto(string Key, string Kind, string? Title, string? CatalogEdition, string State, int? AppliesFrom);
    public sealed record PublishRequest(int AppliesFrom);
    public sealed record SimulateRequest(string? Division);
    public sealed record SimulationDto(int Id, string RuleSetKey, string? Division, string State, int Done, int Total, System.Text.Json.JsonElement? Result);

    private const string Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapLibraryApi(this RouteGroupBuilder api)
    {
        var library = api.MapGroup("/library").RequireAuthorization(new AuthorizeAttribute
        {
            AuthenticationSchemes = TokenAuthenticationHandler.SchemeName,
            Policy = Policies.SystemAdmin,
        }).WithTags("规则库（系统管理员）").Refuses(403);

        library.MapGet("", (EditionStore store) => store.Current.Entries
                .Select(e => new LibraryEntryDto(e.Key, "ruleSet", e.RuleSet.Title, e.RuleSet.CatalogEdition, e.State.ToString().ToLowerInvariant(), e.AppliesFrom))
                .Concat(store.Current.Catalogs.Select(c => new LibraryEntryDto(c.Edition, "catalog", c.Title, c.Edition, "published", null))).ToList())
            .Produces<List<LibraryEntryDto>>().WithName("ListLibrary").WithSummary("规则集版本与场景目录及其状态");
        library.MapPost("", async (HttpRequest request, AppDbContext db, EditionStore store, TimeProvider clock, ClaimsPrincipal user, IOptions<UploadOptions> options) =>
            {
                var limits = options.Value;
                if (await BodyAsync(request, limits.LibraryMaxBytes) is not { } body)
                {
                    return ApiProblems.Problem(413, LibraryUpload.TooLarge(limits).Problems[0].Message);
                }
                var name = request.ContentType?.StartsWith(Workbook, StringComparison.Ordinal) == true ? "$.xlsx" : "$";
                var text = LibraryUpload.Read(name, body, store.Current, limits);
                var loaded = text.IsValid
                    ? await LibraryCommands.LoadAsync(db, store, "$", text.Value!, user.UserId(), clock.GetUtcNow().UtcDateTime)
                    : Checked<LibraryEntry>.Invalid(text.Problems);
                return loaded.IsValid ? Results.Created($"/api/v1/library/{Uri.EscapeDataString(loaded.Value!.Key)}", Dto(store.Current, loaded.Value))
                    : ApiProblems.Problem(400, "未载入：文件有误。", loaded.Problems, limits.MaxListedProblems);
            })
            .WithSummary("载入规则集版本（草稿）、场景目录或目录对照表：请求体为项目格式的 JSON，或规则数值工作簿（Content-Type 为 .xlsx 的类型）")
            .Accepts<System.Text.Json.JsonElement>("application/json", Workbook)
            .Produces<LibraryEntryDto>(201).Refuses(400, 413).WithName("LoadLibraryEntry").WithExample(ApiExamples.RuleSetVersion);
        library.MapGet("/{key}/diff", (string key, EditionStore store) =>
                store.Current.Entry(key) is { } e ? Results.Ok(LibraryCommands.Changes(store.Current, e)) : ApiProblems.NotFound())
            .Produces<List<RuleSetChange>>().Refuses(404).WithName("DiffLibraryEntry").WithSummary("与现行版本相比变化的每个数值和清单（旧值 → 新值，含来源）");
        library.MapPost("/{key}/publish", async (string key, PublishRequest body, AppDbContext db, EditionStore store, TimeProvider clock, ClaimsPrincipal user) =>
                Answer(store, await LibraryCommands.PublishAsync(db, store, key, body.AppliesFrom, user.UserId(), clock.GetUtcNow().UtcDateTime)))
            .Produces<LibraryEntryDto>().Refuses(400).WithName("PublishLibraryEntry").WithSummary("发布草稿版本，自 appliesFrom 年度起适用").WithExample(ApiExamples.Publish);
        library.MapPost("/{key}/withdraw", async (string key, AppDbContext db, EditionStore store, TimeProvider clock, ClaimsPrincipal user) =>
                Answer(store, await LibraryCommands.WithdrawAsync(db, store, key, user.UserId(), clock.GetUtcNow().UtcDateTime)))
            .Produces<LibraryEntryDto>().Refuses(400).WithName("WithdrawLibraryEntry").WithSummary("撤回尚无提交使用的已发布版本");
        library.MapPost("/{key}/simulations", async (string key, SimulateRequest body, HttpContext http, TimeProvider clock, ClaimsPrincipal user) =>
            {
                var started = await SimulationRunner.StartAsync(http.RequestServices, key, body.Division, user.UserId()!.Value, clock.GetUtcNow().UtcDateTime);
                return started.IsValid ? Results.Accepted($"/api/v1/library/simulations/{started.Value!.Id}", ToDto(started.Value))
                    : ApiProblems.Problem(400, "未开始模拟。", started.Problems);
            })
            .Produces<SimulationDto>(202).Refuses(400).WithName("StartSimulation").WithSummary("开始政策模拟：按该版本重新评级范围内的最新提交（division 为空即全省）")
            .WithExample(ApiExamples.Simulate);
        library.MapGet("/simulations/{id:int}", async (int id, AppDbContext db) =>
                await db.Simulations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id) is { } s ? Results.Ok(ToDto(s)) : ApiProblems.NotFound())
            .Produces<SimulationDto>().Refuses(404).WithName("GetSimulation").WithSummary("模拟的进度与结果");
    }

    /// <summary>The request body, or null when it is longer than <paramref name="max"/>: read no further than one byte past it.</summary>
    private static async Task<byte[]?> BodyAsync(HttpRequest request, long max)
    {
        if (request.ContentLength > max)
        {
            return null;
        }
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0)
        {
            if (body.Length + read > max)
            {
                return null;
            }
            body.Write(buffer, 0, read);
        }
        return body.ToArray();
    }

    private static IResult Answer(EditionStore store, Checked<LibraryEntry> done) =>
        done.IsValid ? Results.Ok(Dto(store.Current, done.Value!)) : ApiProblems.Problem(400, "未执行：", done.Problems);

    private static LibraryEntryDto Dto(EditionLibrary library, LibraryEntry e) => e.Kind == LibraryKind.RuleSet && library.Entry(e.Key) is { } r
        ? new LibraryEntryDto(e.Key, "ruleSet", e.Title, r.RuleSet.CatalogEdition, e.State.ToString().ToLowerInvariant(), e.AppliesFrom)
        : new LibraryEntryDto(e.Key, e.Kind.ToString().ToLowerInvariant(), e.Title, null, e.State.ToString().ToLowerInvariant(), e.AppliesFrom);

    private static SimulationDto ToDto(SimulationRun s) => new(s.Id, s.RuleSetKey, s.CountyCode ?? s.CityCode, s.State.ToString().ToLowerInvariant(), s.Done, s.Total,
        s.ResultJson is null ? null : System.Text.Json.JsonDocument.Parse(s.ResultJson).RootElement.Clone());
}
