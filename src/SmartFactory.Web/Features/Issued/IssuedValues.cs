using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Contracts;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Issued;

/// <summary>One value a draft took from an issued result, as it was before and after, for the enterprise's notice.</summary>
public sealed record IssuedChange(IssuedKind Kind, string Before, string After, IssuedResult Result);

/// <summary>What an import stored: rows per kind, how many were new, changed or the same as the current ones, and how many open drafts took them.</summary>
public sealed record IssuedImport(IReadOnlyDictionary<IssuedKind, int> Rows, int New, int Changed, int Unchanged, int Drafts);

/// <summary>
/// The one place where issued results meet assessments (decision 038): a draft takes the current issued DT score, CMMM
/// level and AI level of its enterprise's credit code, and a value so taken is read-only; every page and report asks
/// here where a number came from.
/// </summary>
public static class IssuedValues
{
    /// <summary>The current issued results of the credit codes, by code then kind.</summary>
    public static async Task<Dictionary<string, Dictionary<IssuedKind, IssuedResult>>> CurrentAsync(AppDbContext db, IReadOnlyCollection<string> creditCodes) =>
        (await db.IssuedResults.AsNoTracking().Where(r => creditCodes.Contains(r.CreditCode) && r.SupersededAt == null).ToListAsync())
        .GroupBy(r => r.CreditCode).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Kind));

    /// <summary>The issued results the assessments name (their DtIssuedId, CmmmIssuedId, AiIssuedId), by id.</summary>
    public static async Task<Dictionary<int, IssuedResult>> NamedByAsync(AppDbContext db, IEnumerable<AssessmentRecord> assessments)
    {
        var ids = assessments.SelectMany(a => new[] { a.DtIssuedId, a.CmmmIssuedId, a.AiIssuedId }).OfType<int>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.IssuedResults.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
    }

    /// <summary>
    /// Stores checked rows (decision 039) in one transaction, with its audit entry naming <paramref name="source"/> (the
    /// file, or the push): a row the same as the current one of its credit code and kind is left; any other supersedes
    /// it; the open drafts of those credit codes take the new rows.
    /// </summary>
    public static async Task<IssuedImport> StoreAsync(AppDbContext db, IReadOnlyList<IssuedRow> rows, int userId, DateTime now, string source)
    {
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var codes = rows.Select(r => r.CreditCode).Distinct().ToList();
        var current = (await db.IssuedResults.Where(r => codes.Contains(r.CreditCode) && r.SupersededAt == null).ToListAsync())
            .ToDictionary(r => (r.Kind, r.CreditCode));
        var fresh = new List<IssuedResult>();
        int changed = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (current.TryGetValue((row.Kind, row.CreditCode), out var old))
            {
                if ((old.Score, old.Level, old.IssuedOn, old.Issuer, old.Reference) == (row.Score, row.Level, row.IssuedOn, row.Issuer, row.Reference))
                {
                    unchanged++;
                    continue;
                }
                old.SupersededAt = now;
                changed++;
            }
            fresh.Add(new IssuedResult
            {
                Kind = row.Kind, CreditCode = row.CreditCode, Score = row.Score, Level = row.Level, IssuedOn = row.IssuedOn,
                Issuer = row.Issuer, Reference = row.Reference, ImportedAt = now, ImportedBy = userId,
            });
        }
        // The superseded rows first: the filtered unique index admits one current row per credit code and kind.
        await db.SaveChangesAsync();
        db.IssuedResults.AddRange(fresh);
        await db.SaveChangesAsync();
        var drafts = await ApplyToDraftsAsync(db, codes);
        var import = new IssuedImport(rows.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count()), fresh.Count - changed, changed, unchanged, drafts.Count);
        db.Record(now, userId, null, "issued.imported",
            $"{source}: {string.Join(", ", import.Rows.Select(k => $"{k.Key} {k.Value}"))}; new {import.New}, changed {import.Changed}, unchanged {import.Unchanged}; drafts {import.Drafts}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return import;
    }

    /// <summary>
    /// Brings a draft up to date with the current issued results of its enterprise: each issued kind overwrites the
    /// draft's value and marks it issued. <paramref name="named"/> holds the results the draft names now (by id), so
    /// that what it had before is told right for the AI level too, which has no column of its own. Returns what changed,
    /// for the enterprise to be told.
    /// </summary>
    public static List<IssuedChange> Apply(AssessmentRecord draft, IReadOnlyDictionary<IssuedKind, IssuedResult>? current, IReadOnlyDictionary<int, IssuedResult> named)
    {
        var changes = new List<IssuedChange>();
        if (current is null || draft.Status != AssessmentStatus.Draft)
        {
            return changes;
        }
        if (current.TryGetValue(IssuedKind.Dt, out var dt) && draft.DtIssuedId != dt.Id)
        {
            var before = DtText(draft.DtScore);
            (draft.DtScore, draft.DtDate, draft.DtIssuedId) = (dt.Score, dt.IssuedOn, dt.Id);
            changes.Add(new(IssuedKind.Dt, before, DtText(dt.Score), dt));
        }
        if (current.TryGetValue(IssuedKind.Cmmm, out var cmmm) && draft.CmmmIssuedId != cmmm.Id)
        {
            var before = LevelText(draft.CmmmLevel);
            (draft.CmmmLevel, draft.CmmmScore, draft.CmmmDate, draft.CmmmSource, draft.CmmmIssuedId) = (cmmm.Level, cmmm.Score, cmmm.IssuedOn, cmmm.Issuer, cmmm.Id);
            changes.Add(new(IssuedKind.Cmmm, before, LevelText(cmmm.Level), cmmm));
        }
        if (current.TryGetValue(IssuedKind.Ai, out var ai) && draft.AiIssuedId != ai.Id)
        {
            var before = draft.AiIssuedId is int id && named.TryGetValue(id, out var earlier) ? LevelText(earlier.Level) : "未导入";
            changes.Add(new(IssuedKind.Ai, before, LevelText(ai.Level), ai));
            draft.AiIssuedId = ai.Id;
        }
        return changes;
    }

    /// <summary>Brings every open draft of the credit codes' enterprises up to date (tracked; the caller saves), with what changed per enterprise.</summary>
    public static async Task<Dictionary<int, List<IssuedChange>>> ApplyToDraftsAsync(AppDbContext db, IReadOnlyCollection<string> creditCodes)
    {
        var current = await CurrentAsync(db, creditCodes);
        var drafts = await db.Assessments.Include(a => a.Enterprise)
            .Where(a => a.Status == AssessmentStatus.Draft && creditCodes.Contains(a.Enterprise!.CreditCode)).ToListAsync();
        var named = await NamedByAsync(db, drafts);
        return drafts.Select(d => (d.EnterpriseId, Changes: Apply(d, current.GetValueOrDefault(d.Enterprise!.CreditCode), named)))
            .Where(x => x.Changes.Count > 0).ToDictionary(x => x.EnterpriseId, x => x.Changes);
    }

    /// <summary>The kind's name as pages say it.</summary>
    public static string Name(IssuedKind kind) => kind switch
    {
        IssuedKind.Dt => "数字化转型评估得分",
        IssuedKind.Cmmm => "智能制造能力成熟度等级",
        IssuedKind.Ai => "人工智能场景应用等级",
        _ => kind.ToString(),
    };

    /// <summary>"由江苏省数字化转型服务旗舰店出具（编号 DT-2026-001，导入于 2026-11-30）": the origin line beside an issued value.</summary>
    public static string Origin(IssuedResult r) =>
        $"由{r.Issuer}出具（{(r.Reference is { } reference ? $"编号 {reference}，" : "")}导入于 {Domain.BeijingTime.Of(r.ImportedAt):yyyy-MM-dd}）";

    /// <summary>The value of an issued result as pages print it.</summary>
    public static string ValueText(IssuedResult r) => r.Kind == IssuedKind.Dt ? DtText(r.Score) : LevelText(r.Level);

    public static string DtText(decimal? score) => score is { } s ? $"{GateText.Number(s)} 分" : "未填写";

    public static string LevelText(int? level) => level switch { null => "未填写", 0 => "未评估", var l => $"{l} 级" };
}
