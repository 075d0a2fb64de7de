using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Admin;

/// <summary>
/// What an administrator does to the rule library — load, publish, withdraw, discard — for the pages, the API and the
/// command line alike (decision 019). Each either changes nothing and says why in Chinese, or saves once with its audit
/// event and tells every node through the entry's new revision.
/// </summary>
public static class LibraryCommands
{
    /// <summary>The furthest round ahead a version may be published for.</summary>
    public const int RoundsAhead = 5;

    /// <summary>Stores a catalog edition or rule-set version (as a draft) after validating it with everything already loaded.</summary>
    public static async Task<Checked<LibraryEntry>> LoadAsync(AppDbContext db, EditionStore store, string source, string json, int? userId, DateTime now)
    {
        var kind = KindOf(json);
        if (kind is null)
        {
            return Refused<LibraryEntry>(source, "无法识别的文件：应为规则集（含 tiers）、场景目录（含 scenarios 与 stages）或目录对照表（含 from 与 to）的 JSON。");
        }
        using var writer = await db.OneWriterAsync();
        var entries = await db.Library.AsNoTracking().ToListAsync();
        var library = store.Build(entries).Value!;
        var entry = new LibraryEntry { Kind = kind.Value, Key = "", Json = json, State = Publication.Draft, LoadedAt = now, LoadedBy = userId };
        switch (kind)
        {
            case LibraryKind.RuleSet:
                var ruleSet = RuleSetLoader.Parse(json, source, e => library.Catalog(e));
                if (!ruleSet.IsValid)
                {
                    return Checked<LibraryEntry>.Invalid(ruleSet.Problems);
                }
                entry.Key = RuleSetKeys.Of(ruleSet.Value!.Id, ruleSet.Value.Version);
                entry.Title = ruleSet.Value.Title;
                if (library.Entry(ruleSet.Value.Id, ruleSet.Value.Version) is not null)
                {
                    return Refused<LibraryEntry>($"{source}.version", $"规则集 {ruleSet.Value.Id} 版本 {ruleSet.Value.Version} 已存在；修改后的规则请使用新的版本号。");
                }
                break;
            case LibraryKind.Catalog:
                var catalog = CatalogLoader.Parse(json, source);
                if (!catalog.IsValid)
                {
                    return Checked<LibraryEntry>.Invalid(catalog.Problems);
                }
                (entry.Key, entry.Title, entry.State) = (catalog.Value!.Edition, catalog.Value.Title, Publication.Published);
                if (library.Catalog(catalog.Value.Edition) is not null)
                {
                    return Refused<LibraryEntry>($"{source}.edition", $"场景目录版本 {catalog.Value.Edition} 已存在；新目录请使用新的版本名。");
                }
                break;
            case LibraryKind.Mapping:
                var mapping = EditionMappingLoader.Parse(json, source, e => library.Catalog(e));
                if (!mapping.IsValid)
                {
                    return Checked<LibraryEntry>.Invalid(mapping.Problems);
                }
                (entry.Key, entry.Title, entry.State) = (EditionLibrary.MappingKey(mapping.Value!.From.Edition, mapping.Value.To.Edition), mapping.Value.Title, Publication.Published);
                if (library.Mappings.Any(m => m.From.Edition == mapping.Value.From.Edition && m.To.Edition == mapping.Value.To.Edition))
                {
                    return Refused<LibraryEntry>(source, $"目录对照表 {entry.Key} 已存在。");
                }
                break;
        }
        var together = store.Build(entries.Append(entry));
        if (!together.IsValid)
        {
            return Checked<LibraryEntry>.Invalid(together.Problems);
        }
        entry.Revision = await NextRevisionAsync(db);
        db.Library.Add(entry);
        db.Record(now, userId, null, "library.loaded", $"{entry.Kind} {entry.Key}");
        return await SaveAsync(db, store, entry);
    }

    /// <summary>
    /// Puts a draft version in force from a round. Drafts of that round and later are graded with it from now on; their
    /// enterprises are shown what changed (each draft remembers the version it was last shown).
    /// </summary>
    public static async Task<Checked<LibraryEntry>> PublishAsync(AppDbContext db, EditionStore store, string key, int appliesFrom, int? userId, DateTime now)
    {
        var round = BeijingTime.Of(now).Year;
        if (appliesFrom < round || appliesFrom > round + RoundsAhead)
        {
            return Refused<LibraryEntry>("appliesFrom", $"适用年度应为 {round}–{round + RoundsAhead} 年之间的年度（已开始的往年评估不能改用新规则）。");
        }
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var entry = await db.Library.FirstOrDefaultAsync(e => e.Key == key && e.Kind == LibraryKind.RuleSet);
        if (entry?.State != Publication.Draft)
        {
            return Refused<LibraryEntry>(key, entry is null ? $"找不到规则集版本 {key}。" : $"规则集版本 {key} 不是待发布的草稿（当前：{StateName(entry.State)}）。");
        }
        var (before, others) = await BeforeAsync(db, store, entry);
        (entry.State, entry.AppliesFrom, entry.PublishedAt, entry.PublishedBy) = (Publication.Published, appliesFrom, now, userId);
        var after = store.Build(others.Append(entry));
        if (!after.IsValid)
        {
            return Checked<LibraryEntry>.Invalid(after.Problems);
        }
        RuleSetKeys.TryParse(key, out var id, out var version);
        var ruleSet = after.Value!.RuleSet(id, version)!;
        await RememberShownVersionsAsync(db, before, appliesFrom);
        if (await MoveDraftsAsync(db, after.Value, ruleSet.CatalogEdition, appliesFrom, userId, now) is { } unmapped)
        {
            return Refused<LibraryEntry>(key, unmapped);
        }
        entry.Revision = await NextRevisionAsync(db);
        db.Record(now, userId, null, "library.published", $"{entry.Key} from {appliesFrom}");
        return await SaveAsync(db, store, entry, transaction);
    }

    /// <summary>Takes a published version back before any submission was graded with it; its drafts return to the version before.</summary>
    public static async Task<Checked<LibraryEntry>> WithdrawAsync(AppDbContext db, EditionStore store, string key, int? userId, DateTime now)
    {
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var entry = await db.Library.FirstOrDefaultAsync(e => e.Key == key && e.Kind == LibraryKind.RuleSet);
        if (entry?.State != Publication.Published)
        {
            return Refused<LibraryEntry>(key, entry is null ? $"找不到规则集版本 {key}（数据文件中的规则集不能撤回）。" : $"规则集版本 {key} 未发布（当前：{StateName(entry.State)}），无需撤回。");
        }
        RuleSetKeys.TryParse(key, out var id, out var version);
        var used = await db.Assessments.CountAsync(a => a.Status == AssessmentStatus.Submitted && a.RuleSetId == id && a.RuleSetVersion == version);
        if (used > 0)
        {
            return Refused<LibraryEntry>(key, $"已有 {used} 份提交按规则集 {key} 评级，不能撤回；如需更正，请发布新版本。");
        }
        var (before, others) = await BeforeAsync(db, store, entry);
        (entry.State, entry.WithdrawnAt, entry.WithdrawnBy) = (Publication.Withdrawn, now, userId);
        var after = store.Build(others.Append(entry));
        if (!after.IsValid)
        {
            return Checked<LibraryEntry>.Invalid(after.Problems);
        }
        var edition = before.Entry(id, version)!.RuleSet.CatalogEdition;
        if (after.Value!.RuleSetFor(edition) is null && await db.Assessments.CountAsync(a => a.Status == AssessmentStatus.Draft && a.Edition == edition) is > 0 and var drafts)
        {
            return Refused<LibraryEntry>(key, $"有 {drafts} 份草稿已使用场景目录 {edition}，撤回后它们将没有可用的规则集，不能撤回。");
        }
        await RememberShownVersionsAsync(db, before, int.MinValue);
        entry.Revision = await NextRevisionAsync(db);
        db.Record(now, userId, null, "library.withdrawn", entry.Key);
        return await SaveAsync(db, store, entry, transaction);
    }

    /// <summary>Deletes a draft version that was never published.</summary>
    public static async Task<Checked<LibraryEntry>> DiscardAsync(AppDbContext db, EditionStore store, string key, int? userId, DateTime now)
    {
        using var writer = await db.OneWriterAsync();
        var entry = await db.Library.FirstOrDefaultAsync(e => e.Key == key);
        if (entry is null || entry.State != Publication.Draft)
        {
            return Refused<LibraryEntry>(key, entry is null ? $"找不到 {key}。" : $"{key} 已发布或已撤回，只能删除未发布的草稿。");
        }
        db.Library.Remove(entry);
        // The revision must still move for the other nodes: the highest remaining one may be lower than theirs.
        var marker = await db.Library.Where(e => e.Id != entry.Id).OrderByDescending(e => e.Revision).FirstOrDefaultAsync();
        if (marker is not null)
        {
            marker.Revision = await NextRevisionAsync(db);
        }
        db.Record(now, userId, null, "library.discarded", key);
        return await SaveAsync(db, store, entry);
    }

    /// <summary>
    /// Each draft of the affected rounds that has not yet been shown a version remembers the one it is graded with before
    /// the change, so that its page can say what the change did for it.
    /// </summary>
    private static async Task RememberShownVersionsAsync(AppDbContext db, EditionLibrary before, int fromRound)
    {
        var groups = await db.Assessments.Where(a => a.Status == AssessmentStatus.Draft && a.Year >= fromRound && a.RuleSetId == null)
            .Select(a => new { a.Year, a.Edition }).Distinct().ToListAsync();
        foreach (var g in groups)
        {
            if (before.ForDraft(g.Year, g.Edition) is { } shown)
            {
                await db.Assessments.Where(a => a.Status == AssessmentStatus.Draft && a.Year == g.Year && a.Edition == g.Edition && a.RuleSetId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.RuleSetId, shown.Id).SetProperty(a => a.RuleSetVersion, shown.Version));
            }
        }
    }

    /// <summary>
    /// Moves the open drafts of the given rounds that use another edition to <paramref name="edition"/> through the loaded
    /// mapping; a mapping that is missing refuses the publication (a draft's answers are never dropped silently).
    /// </summary>
    private static async Task<string?> MoveDraftsAsync(AppDbContext db, EditionLibrary library, string edition, int fromRound, int? userId, DateTime now)
    {
        var editions = await db.Assessments.Where(a => a.Status == AssessmentStatus.Draft && a.Year >= fromRound && a.Edition != edition)
            .Select(a => a.Edition).Distinct().ToListAsync();
        if (editions.FirstOrDefault(e => library.Mapping(e, edition) is null) is { } unmapped)
        {
            return $"有 {fromRound} 年及以后的草稿使用场景目录 {unmapped}，没有 {EditionLibrary.MappingKey(unmapped, edition)} 的目录对照表，无法迁移到目录 {edition}；请先载入对照表。";
        }
        foreach (var from in editions)
        {
            var mapping = library.Mapping(from, edition)!;
            var drafts = await db.Assessments.Include(a => a.Ratings).Include(a => a.Files)
                .Where(a => a.Status == AssessmentStatus.Draft && a.Year >= fromRound && a.Edition == from).ToListAsync();
            foreach (var draft in drafts)
            {
                Assessments.EditionMove.Move(draft, mapping, userId ?? draft.UpdatedBy, now);
                db.Record(now, userId, draft.EnterpriseId, "assessment.moved", $"{from} → {edition}");
            }
        }
        return null;
    }

    /// <summary>The library as it stands before the change to <paramref name="entry"/>, and the other entries to build it after.</summary>
    private static async Task<(EditionLibrary Before, List<LibraryEntry> Others)> BeforeAsync(AppDbContext db, EditionStore store, LibraryEntry entry)
    {
        var stored = await db.Library.AsNoTracking().ToListAsync();
        return (store.Build(stored).Value!, stored.Where(e => e.Id != entry.Id).ToList());
    }

    private static async Task<long> NextRevisionAsync(AppDbContext db) => (await db.Library.MaxAsync(e => (long?)e.Revision) ?? 0) + 1;

    private static async Task<Checked<LibraryEntry>> SaveAsync(AppDbContext db, EditionStore store, LibraryEntry entry, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction = null)
    {
        try
        {
            await db.SaveChangesAsync();
            if (transaction is not null)
            {
                await transaction.CommitAsync();
            }
        }
        catch (DbUpdateException)
        {
            // Two administrators changed the library at the same moment (on PostgreSQL): the revision's unique index kept one.
            return Refused<LibraryEntry>(entry.Key, "规则库刚被另一项操作修改，本次未保存；请刷新后重试。");
        }
        await store.RefreshAsync(db, force: true);
        return Checked<LibraryEntry>.Valid(entry);
    }

    private static LibraryKind? KindOf(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return root.ValueKind != JsonValueKind.Object ? null
                : root.TryGetProperty("tiers", out _) ? LibraryKind.RuleSet
                : root.TryGetProperty("scenarios", out _) && root.TryGetProperty("stages", out _) ? LibraryKind.Catalog
                : root.TryGetProperty("from", out _) && root.TryGetProperty("to", out _) ? LibraryKind.Mapping
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every number, list and text a version changes against its baseline (none for the baseline itself).</summary>
    public static IReadOnlyList<RuleSetChange> Changes(EditionLibrary library, RuleSetStanding version) =>
        library.Baseline(version) is var baseline && baseline.Key == version.Key ? [] : RuleSetEntries.Diff(baseline.Json, version.Json);

    public static string StateName(Publication state) => state switch
    {
        Publication.Draft => "草稿",
        Publication.Published => "已发布",
        _ => "已撤回",
    };

    private static Checked<T> Refused<T>(string place, string message) where T : class => Checked<T>.Invalid([new Problem(place, message)]);
}
