using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// The query rules that recur across pages, API, exports and dashboards, each written once so that every caller asks the
/// database the same question (and the province-scale indexes keep matching it). All translate to SQL.
/// </summary>
public static class QueryRules
{
    /// <summary>Grants the enterprise has not revoked.</summary>
    public static IQueryable<ProviderGrant> InForce(this IQueryable<ProviderGrant> grants) => grants.Where(g => g.RevokedAt == null);

    /// <summary>The grant in force (if any) that lets one provider work for one enterprise.</summary>
    public static IQueryable<ProviderGrant> InForce(this IQueryable<ProviderGrant> grants, int? providerUserId, int enterpriseId) =>
        grants.InForce().Where(g => g.ProviderUserId == providerUserId && g.EnterpriseId == enterpriseId);

    /// <summary>The enterprises a provider holds a grant in force for (one EXISTS per enterprise).</summary>
    public static IQueryable<Enterprise> GrantedTo(this IQueryable<Enterprise> enterprises, IQueryable<ProviderGrant> grants, int? providerUserId)
    {
        var inForce = grants.InForce();
        return enterprises.Where(e => inForce.Any(g => g.EnterpriseId == e.Id && g.ProviderUserId == providerUserId));
    }

    /// <summary>
    /// "Waiting for me": applications the official holds now, read from the holder columns the context keeps in step with
    /// <see cref="ApplicationWorkflow.Holder"/> (indexed with UpdatedAt).
    /// </summary>
    public static Expression<Func<ApplicationRecord, bool>> IsHeldBy(Official official) =>
        a => a.HolderLevel == official.Level && a.HolderDivision == official.DivisionCode;

    public static IQueryable<ApplicationRecord> HeldBy(this IQueryable<ApplicationRecord> applications, Official official) =>
        applications.Where(IsHeldBy(official));

    /// <summary>Recommended to the province: at or past the province's desk, and not returned on the way or withdrawn before.</summary>
    private static readonly Expression<Func<ApplicationState?, bool>> IsRecommendedState =
        s => s >= ApplicationState.AtProvince && s != ApplicationState.Returned && s != ApplicationState.Withdrawn;

    private static readonly Func<ApplicationState?, bool> RecommendedState = IsRecommendedState.Compile();

    /// <summary>The same rule in memory, for the rollups.</summary>
    public static bool IsRecommended(ApplicationState state) => RecommendedState(state);

    /// <summary>The rows whose application (chosen by <paramref name="state"/>) counts as recommended to the province.</summary>
    public static IQueryable<T> WhereRecommended<T>(this IQueryable<T> rows, Expression<Func<T, ApplicationState?>> state) =>
        rows.Where(Expression.Lambda<Func<T, bool>>(
            ReplacingExpressionVisitor.Replace(IsRecommendedState.Parameters[0], state.Body, IsRecommendedState.Body), state.Parameters));

    /// <summary>Enterprises whose name contains the text or whose credit code starts with it (codes are stored upper-case).</summary>
    public static IQueryable<Enterprise> Search(this IQueryable<Enterprise> enterprises, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return enterprises;
        }
        var q = text.Trim();
        return enterprises.Where(e => e.Name.Contains(q) || e.CreditCode.StartsWith(q.ToUpper()));
    }

    /// <summary>
    /// Each enterprise's latest submission. Written as the bare column, exactly as the filter of IX_Assessments_Latest,
    /// so that SQLite and PostgreSQL use that partial index.
    /// </summary>
    public static IQueryable<AssessmentRecord> Latest(this IQueryable<AssessmentRecord> assessments) => assessments.Where(a => a.IsLatest);
}
