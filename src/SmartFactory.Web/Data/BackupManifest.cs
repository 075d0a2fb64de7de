using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartFactory.Domain;

namespace SmartFactory.Web.Data;

/// <summary>
/// <c>manifest.json</c> of a backup folder (decision 022): what was copied, from which schema, with how many rows in each
/// table and the SHA-256 of every file. Written last, so a folder without it is a backup that did not finish. With
/// <c>Audit:Key</c> it is signed (<c>manifest.sig</c>, HMAC-SHA256 under a key derived from it), so that someone who
/// edits a backup and its manifest consistently is still caught (decision 042).
/// </summary>
public sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const string SignatureFileName = "manifest.sig";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required DateTime CreatedAt { get; init; }
    public required string Provider { get; init; }

    /// <summary>The database copy's path in the folder (<c>database.sqlite</c> or <c>database.pgdump</c>).</summary>
    public required string Database { get; init; }

    public required DatabaseContents Contents { get; init; }
    public required IReadOnlyList<BackupFile> Files { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes the manifest, and with a key (<c>Audit:Key</c>) its signature beside it.</summary>
    public async Task WriteAsync(string folder, byte[] key)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(this, Json);
        await File.WriteAllBytesAsync(Path.Combine(folder, FileName), bytes);
        if (key.Length > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, SignatureFileName), Signature(key, bytes));
        }
    }

    /// <summary>
    /// Why the folder's manifest is not to be trusted under <paramref name="key"/>: its signature does not match, or it has
    /// none and the operator did not accept that; null when it is signed and matches, when there is no key to check with,
    /// or when there is no manifest at all (<see cref="ReadAsync"/> says so).
    /// </summary>
    public static async Task<string?> SignatureProblemAsync(string folder, byte[] key, bool acceptUnsigned)
    {
        if (key.Length == 0 || !File.Exists(Path.Combine(folder, FileName)))
        {
            return null;
        }
        var path = Path.Combine(folder, SignatureFileName);
        if (!File.Exists(path))
        {
            return acceptUnsigned ? null
                : $"{SignatureFileName} 不存在：备份清单没有签名（备份时未配置 Audit:Key，或签名被删除）。确认此备份可信后，可加 --accept-unsigned 恢复。";
        }
        var expected = Signature(key, await File.ReadAllBytesAsync(Path.Combine(folder, FileName)));
        var found = (await File.ReadAllTextAsync(path)).Trim().ToUpperInvariant();
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(found))
            ? null
            : $"{SignatureFileName}：签名与清单不符（清单被改动，或备份时的 Audit:Key 与现在的不同）。";
    }

    private static string Signature(byte[] key, byte[] manifest) =>
        Convert.ToHexString(HMACSHA256.HashData(HMACSHA256.HashData(key, "SmartFactory backup manifest"u8), manifest));

    /// <summary>The manifest of a folder, once every file it lists is there with its size and SHA-256; else what is wrong.</summary>
    public static async Task<Checked<BackupManifest>> ReadAsync(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return Invalid(FileName, Directory.Exists(folder) ? "不存在：备份没有完成，或这不是备份文件夹。" : $"找不到备份文件夹 {folder}。");
        }
        BackupManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json);
        }
        catch (JsonException e)
        {
            return Invalid(FileName, $"无法读取（{e.Message}）。");
        }
        if (manifest is null || manifest.Format != CurrentFormat || manifest.Files is null || manifest.Contents?.Tables is null)
        {
            return Invalid(FileName, $"不是本程序能读的备份清单（格式 {manifest?.Format}）。");
        }
        var problems = new List<Problem>();
        problems.AddRange(manifest.Contents.Tables.Keys.Where(t => !Regex.IsMatch(t, "^[A-Za-z_][A-Za-z0-9_]*$")).Select(t => new Problem(FileName, $"表名 {t} 无效。")));
        if (!manifest.Files.Any(f => f.Path == manifest.Database))
        {
            problems.Add(new Problem(FileName, $"未列出数据库副本 {manifest.Database}。"));
        }
        foreach (var file in manifest.Files)
        {
            if (await ProblemOfAsync(folder, file) is { } problem)
            {
                problems.Add(new Problem(file.Path, problem));
            }
        }
        return problems.Count == 0 ? Checked<BackupManifest>.Valid(manifest) : Checked<BackupManifest>.Invalid(problems);
    }

    /// <summary>A file of the folder as the manifest lists it.</summary>
    public static async Task<BackupFile> DescribeAsync(string folder, string relativePath)
    {
        var path = Path.Combine(folder, relativePath);
        return new BackupFile(relativePath.Replace('\\', '/'), new FileInfo(path).Length, await Sha256Async(path));
    }

    public static async Task<string> Sha256Async(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream));
    }

    private static async Task<string?> ProblemOfAsync(string folder, BackupFile file)
    {
        if (Path.IsPathRooted(file.Path) || file.Path.Split('/').Contains(".."))
        {
            return "路径不在备份文件夹内。";
        }
        var path = Path.Combine(folder, file.Path);
        if (!File.Exists(path))
        {
            return "缺失。";
        }
        var length = new FileInfo(path).Length;
        if (length != file.Bytes)
        {
            return $"大小为 {length} 字节，清单记为 {file.Bytes} 字节（文件被截断或改动）。";
        }
        return await Sha256Async(path) == file.Sha256 ? null : "SHA-256 与清单不符（文件被改动或损坏）。";
    }

    private static Checked<BackupManifest> Invalid(string place, string message) => Checked<BackupManifest>.Invalid([new Problem(place, message)]);
}

public sealed record BackupFile(string Path, long Bytes, string Sha256);
