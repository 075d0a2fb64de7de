using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public sealed class EvidenceOptions
{
    /// <summary>Folder for uploaded evidence, outside the web root.</summary>
    [Required]
    public string Root { get; set; } = "app_data/evidence";

    [Range(1024, 200 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}

/// <summary>Stores evidence files under random names and checks that their content matches their extension.</summary>
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
            return $"文件过大：上限 {MaxBytes / 1024 / 1024} MB。";
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

    public async Task<EvidenceFile> SaveAsync(IFormFile file, int assessmentId, int? scenarioNo, string purpose, int userId, DateTime now)
    {
        Directory.CreateDirectory(Root);
        var stored = $"{Guid.NewGuid():N}{Path.GetExtension(file.FileName).ToLowerInvariant()}";
        await using (var target = File.Create(Path.Combine(Root, stored)))
        {
            await file.CopyToAsync(target);
        }
        await using var saved = File.OpenRead(Path.Combine(Root, stored));
        return new EvidenceFile
        {
            AssessmentId = assessmentId,
            ScenarioNo = scenarioNo,
            Purpose = purpose,
            FileName = Path.GetFileName(file.FileName),
            ContentType = Allowed[Path.GetExtension(file.FileName)].ContentType,
            Size = file.Length,
            StoredName = stored,
            Sha256 = Convert.ToHexString(await SHA256.HashDataAsync(saved)),
            UploadedAt = now,
            UploadedBy = userId,
        };
    }

    public string PathOf(EvidenceFile file) => Path.Combine(Root, file.StoredName);

    /// <summary>
    /// The stored file's path, or null when it is gone from disk (a restore without the evidence folder, a node without
    /// the shared store): the user gets a 404, and the operator a warning naming the file, since the database still lists it.
    /// </summary>
    public string? ExistingPathOf(EvidenceFile file)
    {
        var path = PathOf(file);
        if (File.Exists(path))
        {
            return path;
        }
        logger.LogWarning("Evidence file {FileId} ({StoredName}, assessment {AssessmentId}) is listed in the database but missing at {Path}.", file.Id, file.StoredName, file.AssessmentId, path);
        return null;
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
            return file is not null && store.ExistingPathOf(file) is { } path
                ? Results.File(path, file.ContentType, file.FileName)
                : Results.NotFound();
        }).RequireAuthorization(Policies.DraftEditor);
}
