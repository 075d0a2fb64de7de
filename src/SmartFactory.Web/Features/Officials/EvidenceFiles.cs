using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// GET /Officials/Files/{id}: an evidence file of a submission in the official's scope (decision 025). PDFs and images
/// open in the browser, Office files are downloaded; outside the scope, or a draft's file, is 404. Every answer is audited.
/// A route of its own rather than a wider <c>/files/{id}</c>: the enterprise's rule (its own files, drafts included)
/// and the official's (submissions in scope, audited) stay two short queries that cannot leak into each other.
/// </summary>
public static class EvidenceFiles
{
    /// <summary>The types shown in the page. Each is pinned by the upload's extension and checked against its first bytes (EvidenceStore).</summary>
    private static readonly HashSet<string> Inline = ["application/pdf", "image/png", "image/jpeg"];

    public static bool OpensInline(string contentType) => Inline.Contains(contentType);

    public static bool IsImage(string contentType) => contentType is "image/png" or "image/jpeg";

    /// <summary>A short name of the file's kind for the lists.</summary>
    public static string KindName(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "image/png" or "image/jpeg" => "图片",
        _ when contentType.Contains("word", StringComparison.Ordinal) => "Word",
        _ when contentType.Contains("sheet", StringComparison.Ordinal) || contentType.Contains("excel", StringComparison.Ordinal) => "Excel",
        _ when contentType.Contains("presentation", StringComparison.Ordinal) || contentType.Contains("powerpoint", StringComparison.Ordinal) => "PowerPoint",
        _ => "文件",
    };

    public static void MapOfficialEvidenceFiles(this IEndpointRouteBuilder app) =>
        app.MapGet("/Officials/Files/{id:int}", async (int id, HttpContext http, AppDbContext db, EvidenceStore store, TimeProvider clock) =>
        {
            var me = http.User.Official()!;
            var found = await db.EvidenceFiles.AsNoTracking()
                .Where(f => f.Id == id)
                .Join(db.Assessments.InScope(me).Where(a => a.Status == AssessmentStatus.Submitted), f => f.AssessmentId, a => a.Id, (f, a) => new { File = f, a.EnterpriseId })
                .FirstOrDefaultAsync();
            if (found is null || await store.BytesAsync(db, found.File) is not { } bytes)
            {
                return Results.NotFound();
            }
            var file = found.File;
            var applications = await db.Applications.InScope(me).Where(a => a.AssessmentId == file.AssessmentId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            var inline = OpensInline(file.ContentType);
            var detail = $"file {file.Id} “{file.FileName}” · assessment {file.AssessmentId}" + (applications.Count > 0 ? $" · application {string.Join(",", applications)}" : "");
            await db.RecordViewAsync(clock.GetUtcNow().UtcDateTime, http.User.UserId(), found.EnterpriseId, inline ? "evidence.viewed" : "evidence.downloaded", detail);

            var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
            disposition.SetHttpFileName(file.FileName);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            // Chrome will not run its PDF viewer in a sandboxed document, so a PDF keeps the site's policy (its viewer runs
            // isolated from the page anyway); an image or a download gets no script at all.
            if (file.ContentType != "application/pdf")
            {
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; frame-ancestors 'none'; sandbox";
            }
            return Results.File(bytes, file.ContentType);
        }).RequireAuthorization(Policies.Official).ExcludeFromDescription();
}
