using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>
/// The enterprise's roadmap target (decision 031) through the API, as on the result page: read it with the plan from the
/// latest submission, and save the target tier, year and cost estimates. For those who edit the enterprise's draft.
/// </summary>
public static class RoadmapApi
{
    /// <summary><c>stepCosts</c>: scenario number → the enterprise's estimate of one tier step (1–9999; a scenario left out costs 1).</summary>
    public sealed record RoadmapTargetRequest(string? Tier, int? Year, int? AiFlagCost, Dictionary<int, int>? StepCosts);

    public sealed record RoadmapTargetDto(string Tier, int Year, int AiFlagCost, IReadOnlyDictionary<int, int> StepCosts, DateTime UpdatedAt);

    /// <summary><c>plan</c> is null until a target is saved; <c>submissionId</c> (the latest submission, which the plan starts from) until one is submitted.</summary>
    public sealed record RoadmapDto(int? SubmissionId, RoadmapTargetDto? Target, RoadmapPlanDto? Plan);

    public const string NoSubmission = "尚无已提交的自评估：提交后才能按目标等级规划路线图。";

    public static void MapRoadmapApi(this RouteGroupBuilder api)
    {
        var roadmap = api.MapGroup("/enterprises/{id:int}/roadmap");

        roadmap.MapGet("", async Task<Results<Ok<RoadmapDto>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db, EditionLibrary editions, TimeProvider clock) =>
                await ApiAccess.CanEditAsync(http.User, db, id)
                    ? TypedResults.Ok(await DtoAsync(db, id, await LatestAsync(db, id, editions), ThisYear(clock)))
                    : ApiProblems.NotFound())
            .WithName("GetRoadmap").WithSummary("路线图：企业设定的目标等级、年份与成本估计，以及从最近一次提交到目标的最低成本计划（按年度分解）").Refuses(404);

        roadmap.MapPut("", async Task<Results<Ok<RoadmapDto>, ProblemHttpResult>> (int id, RoadmapTargetRequest body, HttpContext http, AppDbContext db, EditionLibrary editions, TimeProvider clock, IOptions<UploadOptions> limits) =>
            {
                if (!await ApiAccess.CanEditAsync(http.User, db, id))
                {
                    return ApiProblems.NotFound();
                }
                if (await LatestAsync(db, id, editions) is not { } view)
                {
                    return ApiProblems.Problem(StatusCodes.Status409Conflict, NoSubmission);
                }
                var thisYear = ThisYear(clock);
                var steps = (body.StepCosts ?? []).ToDictionary(s => s.Key, s => (string?)s.Value.ToString(CultureInfo.InvariantCulture));
                var (request, problems) = RoadmapRequest.Read(body.Tier, body.Year?.ToString(CultureInfo.InvariantCulture),
                    body.AiFlagCost?.ToString(CultureInfo.InvariantCulture), steps, view.Catalog, thisYear);
                if (request is null)
                {
                    // The first problems, and a count of the rest: one per unknown step key, uncapped, made a 20 MB request
                    // answer 180 MB (the re-attack of 2026-12-04, docs/benchmarks.md).
                    var listed = limits.Value.MaxListedProblems;
                    return ApiProblems.Problem(400, string.Join(" ", problems.Take(listed).Select(p => p.Message)),
                        problems.Select(p => new Problem(JsonPath(p.Field), p.Message)).ToList(), listed);
                }
                await RoadmapSection.StoreAsync(db, id, http.User.UserId()!.Value, request, clock.GetUtcNow().UtcDateTime);
                return TypedResults.Ok(await DtoAsync(db, id, view, thisYear));
            })
            .WithName("SaveRoadmapTarget").WithSummary("设定路线图目标：tier 为目标等级代码（workshop…leading），year 为目标年份（今年起 10 年内），aiFlagCost 与 stepCosts 为成本估计（默认 1）")
            .Refuses(400, 404, 409).WithExample(ApiExamples.Roadmap);
    }

    private static int ThisYear(TimeProvider clock) => BeijingTime.Today(clock.GetUtcNow().UtcDateTime).Year;

    /// <summary>The enterprise's latest submission as the result page shows it, or null before the first.</summary>
    private static async Task<SubmissionView?> LatestAsync(AppDbContext db, int enterpriseId, EditionLibrary editions) =>
        await db.Assessments.AsNoTracking().Latest().Include(a => a.Ratings).Include(a => a.Result)
            .FirstOrDefaultAsync(a => a.EnterpriseId == enterpriseId) is { Result: not null } latest
            ? SubmissionView.Of(latest, editions)
            : null;

    private static async Task<RoadmapDto> DtoAsync(AppDbContext db, int enterpriseId, SubmissionView? view, int thisYear)
    {
        var target = await db.RoadmapTargets.AsNoTracking().FirstOrDefaultAsync(t => t.EnterpriseId == enterpriseId);
        return new RoadmapDto(
            view?.Submission.Id,
            target is null ? null : new RoadmapTargetDto(target.TargetTier.Code(), target.Year, target.AiFlagCost, RoadmapTarget.ParseSteps(target.StepCosts), target.UpdatedAt),
            target is null || view is null ? null : RoadmapSection.Plan(view, target.TargetTier, target.Year, target.Costs, thisYear).ToDto());
    }

    /// <summary>The JSON path of a refused field: <c>step12</c> is the estimate of scenario 12 in <c>stepCosts</c>.</summary>
    private static string JsonPath(string field) => field.StartsWith("step", StringComparison.Ordinal) ? $"$.stepCosts.{field[4..]}" : $"$.{field}";
}
