using SmartFactory.Domain;

namespace SmartFactory.Web.Data;

/// <summary>
/// The files under <c>Evidence:Root</c> (where the first wave kept evidence) in a backup (decision 022): copied to
/// <c>evidence/</c> in the backup folder and listed in its manifest; put back under the root by a restore.
/// </summary>
public sealed class EvidenceFolderBackup(string root)
{
    private const string Folder = "evidence";

    /// <summary>Copies every file under the root, if it exists, into the backup folder; their paths in it, for the manifest.</summary>
    public List<string> CopyTo(string backup)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(backup, Folder, file))!);
            File.Copy(Path.Combine(root, file), Path.Combine(backup, Folder, file));
        }
        return files.Select(f => Path.Combine(Folder, f)).ToList();
    }

    /// <summary>The folder's files among those a manifest lists.</summary>
    public static List<BackupFile> In(BackupManifest manifest) =>
        manifest.Files.Where(f => f.Path.StartsWith(Folder + "/", StringComparison.Ordinal)).ToList();

    /// <summary>Files under the root that a restore would replace with different bytes.</summary>
    public async Task<List<Problem>> ConflictsAsync(IEnumerable<BackupFile> files)
    {
        var conflicts = new List<Problem>();
        foreach (var target in files.Select(Target))
        {
            if (File.Exists(target.Path) && await BackupManifest.Sha256Async(target.Path) != target.File.Sha256)
            {
                conflicts.Add(new Problem(target.Path, "内容与备份中的不同。"));
            }
        }
        return conflicts;
    }

    /// <summary>Puts the files back under the root, each written beside its name and renamed, so none is left half copied.</summary>
    public void RestoreFrom(string backup, IEnumerable<BackupFile> files)
    {
        foreach (var (file, target) in files.Select(Target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(backup, file.Path), target + ".restoring", overwrite: true);
            File.Move(target + ".restoring", target, overwrite: true);
        }
    }

    private (BackupFile File, string Path) Target(BackupFile file) => (file, Path.Combine(root, file.Path[(Folder.Length + 1)..]));
}
