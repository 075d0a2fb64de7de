using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Features.Admin;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Data;

/// <summary>
/// <c>SmartFactory.Web library list|load|publish|withdraw</c>: the rule library from the command line, through the same
/// <see cref="LibraryCommands"/> as the pages and the API (audited as done "by the command line", user null).
/// </summary>
public static class LibraryCommandLine
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        await Database.MigrateAsync(services);
        var db = services.GetRequiredService<AppDbContext>();
        var store = services.GetRequiredService<EditionStore>();
        await store.RefreshAsync(db, force: true);
        var now = DateTime.UtcNow;
        switch (args)
        {
            case ["list"]:
                foreach (var e in store.Current.Entries)
                {
                    output.WriteLine($"{e.Key}\t{e.RuleSet.CatalogEdition}\t{LibraryCommands.StateName(e.State)}{(e.AppliesFrom is { } y ? $" {y} 年起" : "")}\t{e.RuleSet.Title}");
                }
                foreach (var c in store.Current.Catalogs)
                {
                    output.WriteLine($"{c.Edition}\t场景目录\t{c.Scenarios.Count} 个场景\t{c.Title}");
                }
                return AdminCommands.Ok;
            case ["load", var file]:
                if (!File.Exists(file))
                {
                    return Refuse(error, [new Problem(file, "找不到文件。")]);
                }
                var text = LibraryUpload.Read(Path.GetFileName(file), await File.ReadAllBytesAsync(file), store.Current, new UploadOptions());
                var loaded = text.IsValid ? await LibraryCommands.LoadAsync(db, store, Path.GetFileName(file), text.Value!, null, now) : Checked<LibraryEntry>.Invalid(text.Problems);
                return loaded.IsValid ? Done(output, $"已载入 {loaded.Value!.Key}{(loaded.Value.Kind == LibraryKind.RuleSet ? "（草稿，待发布）" : "")}。") : Refuse(error, loaded.Problems);
            case ["publish", var key] when int.TryParse(options.GetValueOrDefault("from"), out var from):
                var published = await LibraryCommands.PublishAsync(db, store, key, from, null, now);
                return published.IsValid ? Done(output, $"已发布 {key}，自 {from} 年度起适用。") : Refuse(error, published.Problems);
            case ["withdraw", var key]:
                var withdrawn = await LibraryCommands.WithdrawAsync(db, store, key, null, now);
                return withdrawn.IsValid ? Done(output, $"已撤回 {key}。") : Refuse(error, withdrawn.Problems);
            default:
                error.WriteLine(AdminCommands.Usage);
                return AdminCommands.Invalid;
        }
    }

    private static int Done(TextWriter output, string message)
    {
        output.WriteLine(message);
        return AdminCommands.Ok;
    }

    private static int Refuse(TextWriter error, IReadOnlyList<Problem> problems)
    {
        error.WriteLine("未保存任何内容：");
        foreach (var p in problems)
        {
            error.WriteLine($"  {p}");
        }
        return AdminCommands.Invalid;
    }
}
