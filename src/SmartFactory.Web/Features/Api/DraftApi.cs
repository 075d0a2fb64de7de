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

        MapEvidence(draft);
    }

    /// <summary>
    /// The open draft's evidence: listed, uploaded (multipart/form-data, with the pages' size limit and content check),
    /// downloaded and deleted (<see cref="EvidenceWrites"/>). Uploads never start a round: without an open draft they are
    /// refused, so a refused request changes nothing.
    /// </summary>
    private static void MapEvidence(RouteGroupBuilder draft)
    {
        var files = draft.MapGroup("/files");

        files.MapGet("", async Task<Results<Ok<List<EvidenceFileDto>>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db) =>
            {
                if (!await ApiAccess.CanEditAsync(http.User, db, id))
                {
                    return ApiProblems.NotFound();
                }
                var open = await RatingWrites.FindDraftAsync(db, id, withRatings: false);
                return TypedResults.Ok(open is null ? [] : await FilesOfAsync(db, open.Id));
            })
            .WithName("ListDraftFiles").WithSummary("当前草稿的佐证材料（没有草稿时为空）").Refuses(404);

        files.MapPost("", async Task<Results<Created<EvidenceFileDto>, ProblemHttpResult>> (int id, HttpContext http, AppDbContext db, EditionLibrary editions, EvidenceStore store, TimeProvider clock) =>
            {
                if (!await ApiAccess.CanEditAsync(http.User, db, id))
                {
                    return ApiProblems.NotFound();
                }
                // The body may hold the largest file and the form's few other fields, no more; refused before it is read.
                var limit = store.MaxBytes + 64 * 1024;
                if (http.Request.ContentLength > limit)
                {
                    return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, store.TooLarge);
                }
                if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = limit;
                }
                // Routing refuses a type other than multipart, but lets a body without any Content-Type through.
                if (!http.Request.HasFormContentType)
                {
                    return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "请求没有 Content-Type。" + UploadHelp);
                }
                IFormCollection form;
                try
                {
                    form = await http.Request.ReadFormAsync();
                }
                catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
                {
                    return e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                        ? ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, store.TooLarge)
                        : ApiProblems.Invalid("无法读取上传的表单：" + UploadHelp);
                }
                if (await RatingWrites.FindDraftAsync(db, id, withRatings: false) is not { } open)
                {
                    return ApiProblems.Problem(StatusCodes.Status409Conflict, $"没有正在填写的草稿：请先用 GET /api/v1/enterprises/{id}/draft 开始新一轮自评估。");
                }
                var scenario = form["scenario"].ToString().Trim();
                var purpose = form["purpose"].ToString().Trim();
                int? no = null;
                if (scenario.Length > 0)
                {
                    if (!int.TryParse(scenario, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || editions.Catalog(open.Edition)!.Find(n) is null)
                    {
                        return RefusedField("scenario", $"场景目录中没有场景 {scenario}。");
                    }
                    (no, purpose) = (n, EvidencePurposes.Scenario);
                }
                else if (purpose is not (EvidencePurposes.DtScore or EvidencePurposes.Cmmm))
                {
                    return RefusedField("purpose", UploadHelp);
                }
                var (added, problem) = await EvidenceWrites.AddAsync(db, store, open, form.Files.GetFile("file"), no, purpose, http.User.UserId()!.Value, clock.GetUtcNow().UtcDateTime);
                if (added is null)
                {
                    return problem == RatingWrites.NoLongerOpen
                        ? ApiProblems.Problem(StatusCodes.Status409Conflict, problem)
                        : RefusedField("file", problem!);
                }
                return TypedResults.Created($"/api/v1/enterprises/{id}/draft/files/{added.Id}", EvidenceFileDto.Of(added));
            })
            .Accepts<EvidenceUploadForm>("multipart/form-data")
            .WithName("UploadDraftFile").WithSummary("上传佐证材料（multipart/form-data）：file 为文件（PDF、图片或 Office 文档，内容须与扩展名相符），scenario 为场景编号，或 purpose 为 dt、cmmm")
            .Refuses(400, 404, 409, 413, 415).WithExample(ApiExamples.Upload);

        files.MapGet("/{fileId:int}", async Task<IResult> (int id, int fileId, HttpContext http, AppDbContext db, EvidenceStore store) =>
            {
                if (await DraftFileAsync(id, fileId, http, db) is not { } file || await store.BytesAsync(db, file) is not { } bytes)
                {
                    return ApiProblems.NotFound();
                }
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                return Results.File(bytes, file.ContentType, file.FileName);
            })
            .Produces<Stream>(200, "application/octet-stream")
            .WithName("DownloadDraftFile").WithSummary("下载当前草稿的一份佐证材料").Refuses(404);

        files.MapDelete("/{fileId:int}", async Task<Results<Ok<List<EvidenceFileDto>>, ProblemHttpResult>> (int id, int fileId, HttpContext http, AppDbContext db, TimeProvider clock) =>
            {
                if (!await ApiAccess.CanEditAsync(http.User, db, id) || await RatingWrites.FindDraftAsync(db, id, withRatings: false) is not { } open)
                {
                    return ApiProblems.NotFound();
                }
                return await EvidenceWrites.DeleteAsync(db, open, fileId, http.User.UserId()!.Value, clock.GetUtcNow().UtcDateTime) switch
                {
                    null => TypedResults.Ok(await FilesOfAsync(db, open.Id)),
                    RatingWrites.NoLongerOpen => ApiProblems.Problem(StatusCodes.Status409Conflict, RatingWrites.NoLongerOpen),
                    var problem => ApiProblems.Problem(StatusCodes.Status404NotFound, problem),
                };
            })
            .WithName("DeleteDraftFile").WithSummary("删除当前草稿的一份佐证材料（已提交的材料不能删除），答复草稿余下的材料").Refuses(404, 409);
    }

    /// <summary>A refused form field of an upload: 400 whose detail is the message and whose one error names the field.</summary>
    private static ProblemHttpResult RefusedField(string field, string message) =>
        ApiProblems.Problem(400, message, [new SmartFactory.Domain.Problem(field, message)]);

    private const string UploadHelp = "请以 multipart/form-data 上传：file 为文件；scenario 为所属场景编号，或 purpose 为 dt（数字化转型评估）、cmmm（成熟度评估）。";

    private static async Task<List<EvidenceFileDto>> FilesOfAsync(AppDbContext db, int draftId) =>
        (await db.EvidenceFiles.AsNoTracking().Where(f => f.AssessmentId == draftId).OrderBy(f => f.Id).ToListAsync()).Select(EvidenceFileDto.Of).ToList();

    /// <summary>A file of the enterprise's open draft, when the caller may edit the enterprise.</summary>
    private static async Task<EvidenceFile?> DraftFileAsync(int id, int fileId, HttpContext http, AppDbContext db) =>
        await ApiAccess.CanEditAsync(http.User, db, id) && await RatingWrites.FindDraftAsync(db, id, withRatings: false) is { } open
            ? await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.AssessmentId == open.Id)
            : null;

    /// <summary>The draft, when the caller may edit this enterprise; null otherwise (reported as 404, never revealing the enterprise).</summary>
    private static async Task<AssessmentRecord?> OpenAsync(int id, HttpContext http, AppDbContext db, EditionLibrary editions, TimeProvider clock) =>
        await ApiAccess.CanEditAsync(http.User, db, id)
            ? await Drafts.GetOrStartAsync(db, editions, id, http.User.UserId()!.Value, clock.GetUtcNow().UtcDateTime)
            : null;
}
