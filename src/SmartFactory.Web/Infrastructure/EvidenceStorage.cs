using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public sealed class EvidenceOptions
{
    /// <summary>Where the first wave stored evidence on disk; <c>migrate</c> imports what it finds there into the database.</summary>
    [Required]
    public string Root { get; set; } = "app_data/evidence";

    [Range(1024, 200 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}

/// <summary>Checks that uploaded evidence matches its extension and size limit, and keeps its bytes in the database (decision 013).</summary>
public sealed class EvidenceStore(IOptions<EvidenceOptions> options, ILogger<EvidenceStore> logger)
{
    private static readonly Dictionary<string, (string ContentType, byte[][] Magic)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", [[0x25, 0x50, 0x44, 0x46]]),
        [".png"] = ("image/png", [[0x89, 0x50, 0x4E, 0x47]]),
        [".jpg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".jpeg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [[0x50, 0x4B, 0x03, 0x04]]),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [[0x50, 0x4B, 0x03, 0x04]]),
        [".pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", [[0x50, 0x4B, 0x03, 0x04]]),
        [".doc"] = ("application/msword", [[0xD0, 0xCF, 0x11, 0xE0]]),
        [".xls"] = ("application/vnd.ms-excel", [[0xD0, 0xCF, 0x11, 0xE0]]),
        [".ppt"] = ("application/vnd.ms-powerpoint", [[0xD0, 0xCF, 0x11, 0xE0]]),
    };

    public const string AcceptAttribute = ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx";

    public long MaxBytes => options.Value.MaxBytes;

    public string TooLarge => $"文件过大：上限 {UploadOptions.Megabytes(MaxBytes)}。";

    private string Root => Path.GetFullPath(options.Value.Root);

    /// <summary>Null when the upload is acceptable, else why not, in Chinese.</summary>
    public async Task<string?> ProblemAsync(IFormFile file)
    {
        if (file.Length == 0)
        {
            return "文件为空。";
        }
        if (file.Length > MaxBytes)
        {
            return TooLarge;
        }
        if (!Allowed.TryGetValue(Path.GetExtension(file.FileName), out var kind))
        {
            return "只能上传 PDF、图片（PNG、JPG）或 Office 文档（Word、Excel、PowerPoint）。";
        }
        var head = new byte[8];
        await using var stream = file.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
        return kind.Magic.Any(m => read >= m.Length && head.AsSpan(0, m.Length).SequenceEqual(m))
            ? null
            : "文件内容与扩展名不符，请上传真实的 PDF、图片或 Office 文档。";
    }

    /// <summary>
    /// The file as a record with its bytes, ready to be added to the draft: saved in the same SaveChanges as the draft,
    /// so a request that fails half way leaves neither a record without bytes nor bytes without a record.
    /// </summary>
    public async Task<EvidenceFile> ReadAsync(IFormFile file, int assessmentId, int? scenarioNo, string purpose, int userId, DateTime now)
    {
        var upload = await UploadAsync(file);
        return new EvidenceFile
        {
            AssessmentId = assessmentId,
            ScenarioNo = scenarioNo,
            Purpose = purpose,
            FileName = upload.FileName,
            ContentType = upload.ContentType,
            Size = upload.Bytes.Length,
            StoredName = $"{Guid.NewGuid():N}{Path.GetExtension(file.FileName).ToLowerInvariant()}",
            Sha256 = upload.Sha256,
            UploadedAt = now,
            UploadedBy = userId,
            Content = new EvidenceContent { Bytes = upload.Bytes },
        };
    }

    /// <summary>An upload <see cref="ProblemAsync"/> has accepted, read once: its bare name, the type its extension pins, its bytes and their SHA-256.</summary>
    public sealed record Upload(string FileName, string ContentType, byte[] Bytes, string Sha256);

    public static async Task<Upload> UploadAsync(IFormFile file)
    {
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes);
        }
        return new Upload(Path.GetFileName(file.FileName), Allowed[Path.GetExtension(file.FileName)].ContentType, bytes, Convert.ToHexString(SHA256.HashData(bytes)));
    }

    /// <summary>
    /// The bytes of a file, or null when the database lists it without them (a restore that lost them, or a file of the
    /// first wave still under <see cref="EvidenceOptions.Root"/> that <c>migrate</c> has not imported): the user gets a
    /// 404, and the operator a warning naming the file.
    /// </summary>
    public async Task<byte[]?> BytesAsync(AppDbContext db, EvidenceFile file)
    {
        var owner = file.ContentFileId ?? file.Id;
        var bytes = await db.EvidenceContents.Where(c => c.EvidenceFileId == owner).Select(c => c.Bytes).FirstOrDefaultAsync();
        if (bytes is null)
        {
            logger.LogWarning("Evidence file {FileId} ({StoredName}, assessment {AssessmentId}) is listed in the database without its content.", file.Id, file.StoredName, file.AssessmentId);
        }
        return bytes;
    }

    /// <summary>
    /// Moves files stored on disk by the first wave (one node, <see cref="EvidenceOptions.Root"/>) into the database, so
    /// an upgraded installation loses none; run by <c>migrate</c>. Files already imported are skipped, so it can run again.
    /// </summary>
    public async Task<int> ImportFromDiskAsync(AppDbContext db)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }
        var missing = await db.EvidenceFiles.Where(f => f.Content == null && f.ContentFileId == null).Select(f => new { f.Id, f.StoredName }).ToListAsync();
        var imported = 0;
        foreach (var file in missing.Where(f => File.Exists(Path.Combine(Root, f.StoredName))))
        {
            db.EvidenceContents.Add(new EvidenceContent { EvidenceFileId = file.Id, Bytes = await File.ReadAllBytesAsync(Path.Combine(Root, file.StoredName)) });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            imported++;
        }
        return imported;
    }
}

public static class EvidenceStorage
{
    public static void AddEvidenceStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EvidenceOptions>().BindConfiguration("Evidence").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EvidenceStore>();
    }

    /// <summary>GET /files/{id}: an evidence file, only to users of the enterprise that owns it.</summary>
    public static void MapEvidenceFiles(this IEndpointRouteBuilder app) =>
        app.MapGet("/files/{id:int}", async (int id, HttpContext http, AppDbContext db, EvidenceStore store) =>
        {
            var enterprise = await http.WorkingEnterpriseAsync(db);
            var file = await db.EvidenceFiles.AsNoTracking()
                .Where(f => f.Id == id && db.Assessments.Any(a => a.Id == f.AssessmentId && a.EnterpriseId == enterprise))
                .FirstOrDefaultAsync();
            return file is not null && await store.BytesAsync(db, file) is { } bytes
                ? Results.File(bytes, file.ContentType, file.FileName)
                : Results.NotFound();
        }).RequireAuthorization(Policies.DraftEditor).ExcludeFromDescription();
}
