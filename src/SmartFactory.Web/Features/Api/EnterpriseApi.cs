using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>Enterprises and their assessments in the caller's scope, read-only.</summary>
public static class EnterpriseApi
{
    public const int PageSize = 100;

    public static void MapEnterpriseApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async Task<Results<Ok<MeDto>, ProblemHttpResult>> (HttpContext http, AppDbContext db) =>
                await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == http.User.UserId()) is { } u
                    ? TypedResults.Ok(new MeDto(u.Id, u.Login, u.DisplayName, u.Role.ToString(), u.EnterpriseId, u.DivisionCode))
                    : ApiProblems.NotFound())
            .WithName("GetMe").WithSummary("令牌所属用户").Refuses(404);

        api.MapGet("/enterprises", async (HttpContext http, AppDbContext db, Regions regions, string? q, int? page) =>
            {
                var query = ApiAccess.Visible(http.User, db).AsNoTracking().Search(q);
                var p = Math.Max(1, page ?? 1);
                var total = await query.CountAsync();
                var items = await query.OrderBy(e => e.Id).Skip((p - 1) * PageSize).Take(PageSize).ToListAsync();
                return TypedResults.Ok(new PageDto<EnterpriseDto>(total, p, PageSize, items.Select(e => EnterpriseDto.Of(e, regions)).ToList()));
            })
            .WithName("ListEnterprises").WithSummary("权限范围内的企业（官员：本地区；企业：本企业；服务商：已授权企业），可按名称或信用代码搜索");

        api.MapGet("/enterprises/{id:int}", async Task<Results<Ok<EnterpriseDto>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db, Regions regions) =>
                await ApiAccess.Visible(http.User, db).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id) is { } e
                    ? TypedResults.Ok(EnterpriseDto.Of(e, regions))
                    : ApiProblems.NotFound())
            .WithName("GetEnterprise").WithSummary("企业详情").Refuses(404);

        api.MapGet("/enterprises/{id:int}/assessments", async Task<Results<Ok<List<AssessmentSummaryDto>>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db) =>
            {
                if (!await ApiAccess.Visible(http.User, db).AnyAsync(e => e.Id == id))
                {
                    return ApiProblems.NotFound();
                }
                var editor = await ApiAccess.CanEditAsync(http.User, db, id);
                var list = await db.Assessments.AsNoTracking()
                    .Where(a => a.EnterpriseId == id && (editor || a.Status == AssessmentStatus.Submitted))
                    .OrderByDescending(a => a.Id).ToListAsync();
                return TypedResults.Ok(list.Select(AssessmentSummaryDto.Of).ToList());
            })
            .WithName("ListAssessments").WithSummary("企业的全部自评估（官员只看到已提交的）").Refuses(404);

        api.MapGet("/assessments/{id:int}", async Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db) =>
                await VisibleAssessmentAsync(http, db, id) is { } a ? TypedResults.Ok(await AssessmentDto.OfAsync(db, a)) : ApiProblems.NotFound())
            .WithName("GetAssessment").WithSummary("自评估详情：基础信息与全部场景评价").Refuses(404);

        api.MapGet("/assessments/{id:int}/result", async Task<IResult> (int id, HttpContext http, AppDbContext db, SmartFactory.Domain.Catalogs.EditionLibrary editions) =>
            {
                if (await VisibleAssessmentAsync(http, db, id) is not { } a)
                {
                    return ApiProblems.NotFound();
                }
                var json = await db.AssessmentResults.Where(r => r.AssessmentId == id).Select(r => r.Json).FirstOrDefaultAsync() ?? System.Text.Json.JsonSerializer.Serialize(
                    SmartFactory.Domain.Contracts.Wire.ToDto(Assessments.Drafts.Grade(a, editions)), SmartFactory.Domain.Contracts.Wire.Options);
                return Results.Text(json, "application/json; charset=utf-8");
            })
            .Produces<SmartFactory.Domain.Contracts.GradeResultDto>(200, "application/json")
            .Refuses(404)
            .WithName("GetAssessmentResult")
            .WithSummary("评级结果（与 grade --json 相同）：已提交的为提交时冻结的结果，草稿为实时预览");
    }

    /// <summary>A submitted assessment in scope, or a draft of an enterprise the caller may edit.</summary>
    private static async Task<AssessmentRecord?> VisibleAssessmentAsync(HttpContext http, AppDbContext db, int id)
    {
        var a = await db.Assessments.AsNoTracking().Include(x => x.Ratings)
            .Where(x => x.Id == id && ApiAccess.Visible(http.User, db).Any(e => e.Id == x.EnterpriseId))
            .FirstOrDefaultAsync();
        return a is null || (a.Status == AssessmentStatus.Draft && !await ApiAccess.CanEditAsync(http.User, db, a.EnterpriseId)) ? null : a;
    }
}
