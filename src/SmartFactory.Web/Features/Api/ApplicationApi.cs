using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Applications;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>省先进级 applications: the enterprise applies, officials act on those they hold.</summary>
public static class ApplicationApi
{
    public static void MapApplicationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/enterprises/{id:int}/applications", async Task<Results<Ok<List<ApplicationDto>>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db) =>
            {
                if (!await ApiAccess.Visible(http.User, db).AnyAsync(e => e.Id == id))
                {
                    return ApiProblems.NotFound();
                }
                var list = await db.Applications.AsNoTracking().Include(a => a.Events).Where(a => a.EnterpriseId == id).OrderByDescending(a => a.Id).ToListAsync();
                return TypedResults.Ok(list.Select(ApplicationDto.Of).ToList());
            })
            .WithName("ListEnterpriseApplications").WithSummary("企业的先进级申报及其办理时间线").Refuses(404);

        api.MapPost("/enterprises/{id:int}/applications", async Task<Results<Created<ApplicationDto>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db, EditionLibrary editions, Regions regions, TimeProvider clock) =>
            {
                if (!ApiAccess.IsOwnEnterprise(http.User, id))
                {
                    return await ApiAccess.Visible(http.User, db).AnyAsync(e => e.Id == id)
                        ? ApiProblems.Forbidden("只有企业本身可以申报。")
                        : ApiProblems.NotFound();
                }
                var (application, problems) = await ApplicationCommands.ApplyAsync(db, editions, regions, id, http.User.UserId()!.Value, http.User.Identity!.Name!, clock.GetUtcNow().UtcDateTime);
                if (application is null)
                {
                    return ApiProblems.Problem(409, problems[0], problems.Skip(1).Select(p => new SmartFactory.Domain.Problem("", p)));
                }
                await db.SaveChangesAsync();
                return TypedResults.Created($"/api/v1/applications/{application.Id}", ApplicationDto.Of(application));
            })
            .WithName("Apply").WithSummary("以最近一次提交申报省先进级（须符合申报条件）").Refuses(403, 404, 409);

        api.MapPost("/applications/{id:int}/withdraw", async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db, TimeProvider clock) =>
            {
                var application = await db.Applications.Include(a => a.Events).FirstOrDefaultAsync(a => a.Id == id);
                if (application is null || !await ApiAccess.Visible(http.User, db).AnyAsync(e => e.Id == application.EnterpriseId))
                {
                    return ApiProblems.NotFound();
                }
                if (!ApiAccess.IsOwnEnterprise(http.User, application.EnterpriseId))
                {
                    return ApiProblems.Forbidden("只有企业本身可以撤回申报。");
                }
                if (ApplicationCommands.Withdraw(db, application, http.User.UserId()!.Value, http.User.Identity!.Name!, clock.GetUtcNow().UtcDateTime) is { } refusal)
                {
                    return ApiProblems.Problem(409, refusal);
                }
                try
                {
                    await db.SaveChangesAsync();
                }
                catch (DbUpdateConcurrencyException)
                {
                    return ApiProblems.Problem(409, "主管部门刚刚已办理该申报，不能撤回。");
                }
                return TypedResults.Ok(ApplicationDto.Of(application));
            })
            .WithName("WithdrawApplication").WithSummary("撤回申报（仅在主管部门办理之前，由企业本身撤回）").Refuses(403, 404, 409);

        api.MapGet("/applications", async Task<Results<Ok<List<ApplicationDto>>, ProblemHttpResult>> (HttpContext http, AppDbContext db, bool? waitingForMe) =>
            {
                if (http.User.Official() is not { } me)
                {
                    return ApiProblems.Forbidden("仅区县、设区市和省级官员可以查看申报列表。");
                }
                var query = db.Applications.InScope(me).AsNoTracking();
                if (waitingForMe == true)
                {
                    query = query.HeldBy(me);
                }
                var list = await query.Include(a => a.Events).OrderByDescending(a => a.UpdatedAt).Take(500).ToListAsync();
                return TypedResults.Ok(list.Select(ApplicationDto.Of).ToList());
            })
            .WithName("ListApplications").WithSummary("本地区的申报（waitingForMe=true 仅列出待我办理的）").Refuses(403);

        api.MapPost("/applications/{id:int}/transitions", async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> (int id, TransitionRequest body, HttpContext http, AppDbContext db, Regions regions, TimeProvider clock) =>
            {
                if (http.User.Official() is not { } me)
                {
                    return ApiProblems.Forbidden("仅区县、设区市和省级官员可以办理申报。");
                }
                var application = await db.Applications.InScope(me).Include(a => a.Events).FirstOrDefaultAsync(a => a.Id == id);
                if (application is null)
                {
                    return ApiProblems.NotFound();
                }
                if (!Enum.TryParse<ApplicationAction>(body.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action))
                {
                    return ApiProblems.Invalid("action 应为 recommend、return、passPreliminary、passSiteCheck 或 recognise。");
                }
                var (division, userId, userName, now) = (regions.DivisionName(me.DivisionCode), http.User.UserId()!.Value, http.User.Identity!.Name!, clock.GetUtcNow().UtcDateTime);
                var refusal = await ApplicationCommands.DecideAsync(db, application, me, division, action, body.Comment,
                    new Campaign.RecognitionInput { DocumentNo = body.DocumentNo, RecognisedOn = body.RecognisedOn, ValidUntil = body.ValidUntil, BatchYear = body.BatchYear },
                    userId, userName, now);
                if (refusal is not null)
                {
                    return ApiProblems.Problem(409, refusal);
                }
                try
                {
                    await db.SaveChangesAsync();
                }
                catch (DbUpdateConcurrencyException)
                {
                    return ApiProblems.Problem(409, "该申报刚刚已被他人办理，请重新获取后再试。");
                }
                return TypedResults.Ok(ApplicationDto.Of(application));
            })
            .WithName("DecideApplication").WithSummary("办理申报：推荐、退回（须填写意见）、初审通过、现场核查通过、认定（须填写文号 documentNo；无批次的申报须填写批次年度）")
            .Refuses(400, 403, 404, 409).WithExample(ApiExamples.Transition);
    }
}
