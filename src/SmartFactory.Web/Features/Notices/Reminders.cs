using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;

namespace SmartFactory.Web.Features.Notices;

/// <summary>
/// The deadline reminders, 7 days and 1 day before a round's <see cref="CampaignRound.ClosesOn"/> (to the administrators of
/// enterprises that may apply and have not) and its <see cref="CampaignRound.RecommendClosesOn"/> (to the county and city
/// officials who still hold applications of the round). Each is keyed "deadline:{round}:{close|recommend}:{7|1}:{user}",
/// so computing them again, or on another node at the same time, writes nothing new.
/// </summary>
public static class Reminders
{
    /// <summary>Which reminder is due with <paramref name="daysLeft"/> days to a deadline: 7 within the last week, 1 on the last two days, else none.</summary>
    public static int? Due(int daysLeft) => daysLeft switch
    {
        < 0 => null,
        <= 1 => 1,
        <= 7 => 7,
        _ => null,
    };

    /// <summary>Enterprises whose latest submission reaches <paramref name="tier"/> and that have no application in flight nor recognised: they may apply.</summary>
    public static IQueryable<Enterprise> MayApply(this IQueryable<Enterprise> enterprises, AppDbContext db, Tier tier)
    {
        var level = (int)tier;
        return enterprises.Where(e => db.Assessments.Any(a => a.EnterpriseId == e.Id && a.IsLatest && a.ReferenceLevel >= level)
                                      && !db.Applications.Any(x => x.EnterpriseId == e.Id && x.State != ApplicationState.Returned));
    }

    /// <summary>Writes the reminders due today that are not written yet; the number written.</summary>
    public static async Task<int> RunAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteDueAsync(db, clock, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node wrote some of the same reminders first: what it wrote is now skipped.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<int> WriteDueAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = BeijingTime.Today(now);
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.OpensOn <= today && r.RecommendClosesOn >= today).ToListAsync(ct);
        var written = 0;
        foreach (var round in rounds)
        {
            var closeLeft = Rounds.DaysLeft(round.ClosesOn, today);
            if (Due(closeLeft) is int close)
            {
                var key = $"deadline:{round.Id}:close:{close}";
                var admins = await NotYetTold(db, db.Users.Where(u => u.Role == Role.EnterpriseAdmin
                    && db.Enterprises.MayApply(db, round.Tier).Any(e => e.Id == u.EnterpriseId)), key).ToListAsync(ct);
                Notify.Write(db, admins, key, $"申报截止提醒：{round.Name}",
                    $"{round.Name}（{round.Tier.ChineseName()}）将于 {round.ClosesOn:yyyy年M月d日} 截止申报，{Rounds.Left(closeLeft)}。贵企业符合申报条件但尚未申报，如需申报请在截止前提交。",
                    "/Assessments/Apply", now);
                written += admins.Count;
            }
            var recommendLeft = Rounds.DaysLeft(round.RecommendClosesOn, today);
            if (Due(recommendLeft) is int recommend)
            {
                var key = $"deadline:{round.Id}:recommend:{recommend}";
                var holders = db.Applications.Where(a => a.RoundId == round.Id
                    && (a.HolderLevel == OfficialLevel.County || a.HolderLevel == OfficialLevel.City));
                var officials = await NotYetTold(db, db.Users.Where(u =>
                    (u.Role == Role.CountyOfficial && holders.Any(a => a.HolderLevel == OfficialLevel.County && a.HolderDivision == u.DivisionCode))
                    || (u.Role == Role.CityOfficial && holders.Any(a => a.HolderLevel == OfficialLevel.City && a.HolderDivision == u.DivisionCode))), key).ToListAsync(ct);
                Notify.Write(db, officials, key, $"推荐截止提醒：{round.Name}",
                    $"{round.Name}的推荐将于 {round.RecommendClosesOn:yyyy年M月d日} 截止，{Rounds.Left(recommendLeft)}。您处仍有待推荐的申报，请在截止前办理。",
                    "/Officials/Applications?Filter.Holder=mine", now);
                written += officials.Count;
            }
        }
        if (written > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return written;
    }

    /// <summary>The users who have no notice under the reminder's key yet (one unique-index lookup each).</summary>
    private static IQueryable<Notify.Recipient> NotYetTold(AppDbContext db, IQueryable<User> users, string key) =>
        users.Where(u => !db.Notices.Any(n => n.Key == key + ":" + u.Id.ToString()))
            .OrderBy(u => u.Id).Select(u => new Notify.Recipient(u.Id, u.Login, u.DisplayName));
}
