using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// Saving one scenario's rating, the busiest write of the app (every autosave): the draft is read without tracking and
/// with only what the save needs, and the rating is written by one upsert of every column, so two concurrent saves never
/// leave the level of one and the evidence of the other, and the last save wins whole (docs/benchmarks.md, "Saving a rating").
/// </summary>
public static class RatingWrites
{
    /// <summary>
    /// The enterprise's open draft as far as a rating save needs it: its id and edition, and, when the caller answers with
    /// the new grade (the page), what grading reads of it and of its ratings (no evidence texts); not tracked. Starts the draft, as <see cref="Drafts.GetOrStartAsync"/>, when there is none.
    /// </summary>
    public static async Task<AssessmentRecord> OpenDraftAsync(AppDbContext db, EditionLibrary editions, int enterpriseId, int userId, DateTime now, bool withRatings) =>
        await FindDraftAsync(db, enterpriseId, withRatings) ?? await Drafts.GetOrStartAsync(db, editions, enterpriseId, userId, now);

    /// <summary>The open draft as <see cref="OpenDraftAsync"/> reads it, or null when there is none.</summary>
    public static async Task<AssessmentRecord?> FindDraftAsync(AppDbContext db, int enterpriseId, bool withRatings) =>
        withRatings ? await DraftWithRatings.RunAsync(db, enterpriseId) : await DraftAlone.RunAsync(db, enterpriseId);

    // Compiled once: translating the LINQ of these two reads again on every save was a tenth of its CPU.
    // With its ratings: what grading the draft reads (the rule set's keys, the scores, each scenario's level and AI flag),
    // not the other ratings' evidence texts and times, nor the draft's wide columns — decoding up to 40 evidence texts on
    // every autosave only to throw them away was the page's largest read (docs/benchmarks.md, "Saving a rating").
    private static readonly Compiled<int, AssessmentRecord?> DraftWithRatings = new((db, enterpriseId) =>
        db.Assessments.Where(a => a.EnterpriseId == enterpriseId && a.Status == AssessmentStatus.Draft)
            .Select(a => new AssessmentRecord
            {
                Id = a.Id, EnterpriseId = a.EnterpriseId, Status = a.Status, Year = a.Year, Edition = a.Edition,
                DtScore = a.DtScore, CmmmLevel = a.CmmmLevel, BasicRequirements = a.BasicRequirements, RuleSetId = a.RuleSetId, RuleSetVersion = a.RuleSetVersion,
                Ratings = a.Ratings.Select(r => new RatingRecord { AssessmentId = r.AssessmentId, ScenarioNo = r.ScenarioNo, Level = r.Level, Ai = r.Ai }).ToList(),
            }).FirstOrDefault());

    private static readonly Compiled<int, AssessmentRecord?> DraftAlone = new((db, enterpriseId) =>
        db.Assessments.Where(a => a.EnterpriseId == enterpriseId && a.Status == AssessmentStatus.Draft)
            .Select(a => new AssessmentRecord { Id = a.Id, EnterpriseId = a.EnterpriseId, Status = a.Status, Year = a.Year, Edition = a.Edition }).FirstOrDefault());

    public const string NoLongerOpen = "该自评估已提交，不能再修改；如需调整，请开始新一轮自评估。";

    /// <summary>
    /// Writes the rating of <paramref name="scenarioNo"/> as <see cref="DraftCommands.Rate"/> left it in the draft, and the
    /// draft's UpdatedAt/UpdatedBy, in one transaction. The draft row is updated first and only while it is still a
    /// draft, so a save racing the submission of the same draft (on any node) changes nothing and returns false, instead
    /// of writing into the submitted record. INSERT … ON CONFLICT DO UPDATE (SQLite and PostgreSQL alike) makes a
    /// concurrent first save of the same scenario an overwrite rather than a unique-index failure.
    /// </summary>
    public static async Task<bool> SaveAsync(AppDbContext db, AssessmentRecord draft, int scenarioNo)
    {
        var r = draft.Ratings.Single(x => x.ScenarioNo == scenarioNo);
        if (db is SqliteDbContext { HotPath: { } hot })
        {
            return await hot.WriteAsync((SqliteDbContext)db, async batch =>
            {
                var open = await batch.ExecuteAsync(TouchDraft, ("$at", draft.UpdatedAt), ("$by", draft.UpdatedBy), ("$id", draft.Id), ("$draft", (int)AssessmentStatus.Draft));
                if (open == 0)
                {
                    return (false, false);
                }
                await batch.ExecuteAsync(Upsert, ("$assessment", draft.Id), ("$no", r.ScenarioNo), ("$level", r.Level), ("$ai", r.Ai), ("$evidence", r.Evidence),
                    ("$hash", r.EvidenceHash), ("$at", r.UpdatedAt), ("$by", r.UpdatedBy));
                return (true, true);
            });
        }
        // PostgreSQL: both writes in one statement, so one round trip and one commit instead of four of each (BEGIN, the
        // two, COMMIT). The upsert takes its row from what the UPDATE returned: none once the draft was submitted, also
        // when the submission committed while this statement waited for the draft's row (docs/benchmarks.md).
        if (db.Database.IsNpgsql())
        {
            return (await db.Database.SqlQuery<int>($"""
                WITH "Open" AS (
                    UPDATE "Assessments" SET "UpdatedAt" = {draft.UpdatedAt}, "UpdatedBy" = {draft.UpdatedBy}
                    WHERE "Id" = {draft.Id} AND "Status" = {(int)AssessmentStatus.Draft}
                    RETURNING "Id")
                INSERT INTO "Ratings" ("AssessmentId", "ScenarioNo", "Level", "Ai", "Evidence", "EvidenceHash", "UpdatedAt", "UpdatedBy")
                SELECT "Id", {r.ScenarioNo}, {r.Level}, {r.Ai}, {r.Evidence}, {r.EvidenceHash}, {r.UpdatedAt}, {r.UpdatedBy} FROM "Open"
                ON CONFLICT ("AssessmentId", "ScenarioNo") DO UPDATE SET
                    "Level" = excluded."Level", "Ai" = excluded."Ai", "Evidence" = excluded."Evidence",
                    "EvidenceHash" = excluded."EvidenceHash", "UpdatedAt" = excluded."UpdatedAt", "UpdatedBy" = excluded."UpdatedBy"
                RETURNING 1 AS "Value"
                """).ToListAsync()).Count == 1;
        }
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var open = await db.Database.ExecuteSqlAsync($"""
            UPDATE "Assessments" SET "UpdatedAt" = {draft.UpdatedAt}, "UpdatedBy" = {draft.UpdatedBy}
            WHERE "Id" = {draft.Id} AND "Status" = {(int)AssessmentStatus.Draft}
            """);
        if (open == 0)
        {
            return false;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Ratings" ("AssessmentId", "ScenarioNo", "Level", "Ai", "Evidence", "EvidenceHash", "UpdatedAt", "UpdatedBy")
            VALUES ({draft.Id}, {r.ScenarioNo}, {r.Level}, {r.Ai}, {r.Evidence}, {r.EvidenceHash}, {r.UpdatedAt}, {r.UpdatedBy})
            ON CONFLICT ("AssessmentId", "ScenarioNo") DO UPDATE SET
                "Level" = excluded."Level", "Ai" = excluded."Ai", "Evidence" = excluded."Evidence",
                "EvidenceHash" = excluded."EvidenceHash", "UpdatedAt" = excluded."UpdatedAt", "UpdatedBy" = excluded."UpdatedBy"
            """);
        await transaction.CommitAsync();
        return true;
    }

    // The same two statements for the node's writer connection on SQLite (SqliteHotPath), with named parameters.
    private const string TouchDraft = """
        UPDATE "Assessments" SET "UpdatedAt" = $at, "UpdatedBy" = $by WHERE "Id" = $id AND "Status" = $draft
        """;

    private const string Upsert = """
        INSERT INTO "Ratings" ("AssessmentId", "ScenarioNo", "Level", "Ai", "Evidence", "EvidenceHash", "UpdatedAt", "UpdatedBy")
        VALUES ($assessment, $no, $level, $ai, $evidence, $hash, $at, $by)
        ON CONFLICT ("AssessmentId", "ScenarioNo") DO UPDATE SET
            "Level" = excluded."Level", "Ai" = excluded."Ai", "Evidence" = excluded."Evidence",
            "EvidenceHash" = excluded."EvidenceHash", "UpdatedAt" = excluded."UpdatedAt", "UpdatedBy" = excluded."UpdatedBy"
        """;
}
