using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// Saving one scenario's rating as the unit the user saved. EF writes only the columns that differ from what this
/// request read, so two concurrent saves could leave the level of one and the evidence of the other; every column is
/// written instead, and the last save wins whole.
/// </summary>
public static class RatingWrites
{
    public static async Task SaveAsync(AppDbContext db, AssessmentRecord draft, int scenarioNo)
    {
        var rating = draft.Ratings.Single(r => r.ScenarioNo == scenarioNo);
        var entry = db.Entry(rating);
        entry.State = rating.Id == 0 ? EntityState.Added : EntityState.Modified;
        DbUpdateException refused;
        try
        {
            await db.SaveChangesAsync();
            return;
        }
        catch (DbUpdateException e) when (entry.State == EntityState.Added)
        {
            refused = e;
        }
        // Another request inserted this scenario first and the unique index refused ours: ours is the later save, so it
        // overwrites that row whole. Without such a row the failure was something else, and stays an error.
        if (await ExistingIdAsync(db, rating) is not int id)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
            return;
        }
        entry.State = EntityState.Detached;
        rating.Id = id;
        db.Ratings.Update(rating);
        await db.SaveChangesAsync();
    }

    private static Task<int?> ExistingIdAsync(AppDbContext db, RatingRecord rating) =>
        db.Ratings.AsNoTracking()
            .Where(r => r.AssessmentId == rating.AssessmentId && r.ScenarioNo == rating.ScenarioNo)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync();
}
