using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>Editing an enterprise's draft through the API: its users or a granted provider; only the enterprise submits.</summary>
public static class DraftApi
{
    public static void MapDraftApi(this RouteGroupBuilder api)
    {
        var draft = api.MapGroup("/enterprises/{id:int}/draft");

        draft.MapGet("", async Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db, EditionLibrary editions, TimeProvider clock) =>
                await OpenAsync(id, http, db, editions, clock) is { } d ? TypedResults.Ok(await AssessmentDto.OfAsync(db, d)) : ApiProblems.NotFound())
            .WithName("GetDraft").WithSummary("企业当前草稿（没有则从上次提交复制开始新一轮）").Refuses(404);

        draft.MapPut("/basics", async Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> (int id, BasicsRequest body, HttpContext http, AppDbContext db, EditionLibrary editions, TimeProvider clock) =>
            {
                if (await OpenAsync(id, http, db, editions, clock) is not { } d)
                {
                    return ApiProblems.NotFound();
                }
                if (DraftCommands.SaveBasics(d, body, Drafts.RuleSetOf(d, editions).BasicRequirements, http.User.UserId()!.Value, clock.GetUtcNow().UtcDateTime) is { Count: > 0 } problems)
                {
                    return ApiProblems.Invalid(problems);
                }
                await db.SaveChangesAsync();
                return TypedResults.Ok(await AssessmentDto.OfAsync(db, d));
            })
            .WithName("SaveBasics").WithSummary("填写数字化转型评估得分、成熟度和基本要求（attested 为已承诺的基本要求键）")
            .Refuses(400, 404).WithExample(ApiExamples.Basics);

        draft.MapPut("/ratings/{no:int}", async Task<Results<Ok<RatingDto>, ProblemHttpResult>> (int id, int no, RatingRequest body, HttpContext http, AppDbContext db, EditionLibrary editions, TimeProvider clock) =>
            {
                if (!await ApiAccess.CanEditAsync(http.User, db, id))
                {
                    return ApiProblems.NotFound();
                }
                var d = await RatingWrites.OpenDraftAsync(db, editions, id, http.User.UserId()!.Value, clock.GetUtcNow().UtcDateTime, withRatings: false);
                var catalog = editions.Catalog(d.Edition)!;
                if (DraftCommands.Rate(d, catalog, no, body.Level, body.Ai, body.Evidence, http.User.UserId()!.Value, clock.GetUtcNow().UtcDateTime) is { } problem)
                {
                    return ApiProblems.Invalid(problem);
                }
                if (!await RatingWrites.SaveAsync(db, d, no))
                {
                    return ApiProblems.Problem(StatusCodes.Status409Conflict, RatingWrites.NoLongerOpen);
                }
                return TypedResults.Ok(RatingDto.Of(d.Ratings.Single(x => x.ScenarioNo == no)));
            })
            .WithName("SaveRating").WithSummary("评价一个场景：level 为等级代码（workshop…leading）、中文等级名或 none")
            .Refuses(400, 404, 409).WithExample(ApiExamples.Rating);

        draft.MapPost("/submit", async Task<Results<Ok<AssessmentSummaryDto>, ProblemHttpResult>> (int id, PledgeRequest body, HttpContext http, AppDbContext db, EditionLibrary editions, TimeProvider clock) =>
            {
                if (!ApiAccess.IsOwnEnterprise(http.User, id))
                {
                    return await ApiAccess.CanEditAsync(http.User, db, id)
                        ? ApiProblems.Forbidden("只有企业本身可以提交自评估并签署真实性承诺。")
                        : ApiProblems.NotFound();
                }
                // Only an open draft is submitted: starting a round here would be a write by a request that is then refused.
                if (await Drafts.FindDraftAsync(db, id) is not { } d)
                {
                    return ApiProblems.Problem(StatusCodes.Status409Conflict, "没有正在填写的草稿可以提交。");
                }
                var now = clock.GetUtcNow().UtcDateTime;
                var problems = await DraftCommands.SubmitAsync(db, d, editions, body, http.User.UserId()!.Value, now, " (api)");
                if (problems.Count > 0)
                {
                    return ApiProblems.Invalid("自评估尚未填写完整或承诺信息不全，不能提交。", problems);
                }
                return TypedResults.Ok(AssessmentSummaryDto.Of(d));
            })
            .WithName("SubmitDraft").WithSummary("签署真实性承诺并提交草稿（仅企业本身）")
            .Refuses(400, 403, 404, 409).WithExample(ApiExamples.Pledge);
    }

    /// <summary>The draft, when the caller may edit this enterprise; null otherwise (reported as 404, never revealing the enterprise).</summary>
    private static async Task<AssessmentRecord?> OpenAsync(int id, HttpContext http, AppDbContext db, EditionLibrary editions, TimeProvider clock) =>
        await ApiAccess.CanEditAsync(http.User, db, id)
            ? await Drafts.GetOrStartAsync(db, editions, id, http.User.UserId()!.Value, clock.GetUtcNow().UtcDateTime)
            : null;
}
