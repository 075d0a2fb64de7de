using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>The filters of the officials' enterprise list; the same filter drives the page and its Excel export.</summary>
public sealed class EnterpriseFilter : OfficialListFilter
{
    public string? Industry { get; set; }

    /// <summary>"" any, "0" submitted but below 智能车间, "1"…"5" a reference level.</summary>
    public string? Level { get; set; }

    /// <summary>"" any, or one of <see cref="EnterpriseList.Statuses"/>.</summary>
    public string? Status { get; set; }
    [Display(Name = "年度")]
    public int? Year { get; set; }

    protected override IEnumerable<(string Name, string? Value)> OwnValues() =>
        [("Industry", Industry), ("Level", Level), ("Status", Status), ("Year", Year?.ToString())];
}

/// <summary>One enterprise of the list. Member-initialised (not positional) so EF can filter and sort on the projection.</summary>
public sealed class EnterpriseRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string NameKey { get; init; } = "";
    public string CreditCode { get; init; } = "";
    public string CityCode { get; init; } = "";
    public string CountyCode { get; init; } = "";
    public string IndustryCode { get; init; } = "";
    public bool IsAboveScale { get; init; }
    public bool IsFlagshipChain { get; init; }
    public int? ReferenceLevel { get; init; }
    public double? Index { get; init; }
    public decimal? DtScore { get; init; }
    public bool DtIssued { get; init; }
    public int? CmmmLevel { get; init; }
    public bool CmmmIssued { get; init; }
    public int? AiLevel { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public int? Year { get; init; }
    public bool HasDraft { get; init; }
    public ApplicationState? Application { get; init; }
}

public static class EnterpriseList
{
    public static readonly (string Code, string Name)[] Statuses =
    [
        ("registered", "仅注册"), ("draft", "填报中"), ("submitted", "已提交"),
        ("applied", "已申报先进级"), ("recommended", "已推荐至省"), ("recognised", "已认定"),
    ];

    /// <summary>
    /// The enterprises in scope that pass the filters on the enterprise itself (division, industry, name or code), applied
    /// before the join so that the database narrows the enterprises first.
    /// </summary>
    public static IQueryable<Enterprise> Matching(IQueryable<Enterprise> inScope, EnterpriseFilter f)
    {
        if (!string.IsNullOrEmpty(f.City))
        {
            inScope = inScope.Where(e => e.CityCode == f.City);
        }
        if (!string.IsNullOrEmpty(f.County))
        {
            inScope = inScope.Where(e => e.CountyCode == f.County);
        }
        if (!string.IsNullOrEmpty(f.Industry))
        {
            inScope = inScope.Where(e => e.IndustryCode == f.Industry);
        }
        return inScope.Search(f.Q);
    }

    /// <summary>
    /// How many enterprises the filter lists. One row per enterprise (an enterprise has at most one latest submission), so
    /// without a filter on level, year or status this counts the enterprises alone, without the join; and without a
    /// search either, it is the sum of the registration rollups (decision 015).
    /// </summary>
    public static async Task<int> CountAsync(AppDbContext db, Official me, IQueryable<Enterprise> inScope, EnterpriseFilter f)
    {
        if (int.TryParse(f.Level, out _) || f.Year is not null || Statuses.Any(s => s.Code == f.Status))
        {
            return await Query(db, inScope, f).CountAsync();
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            return await Matching(inScope, f).CountAsync();
        }
        // The level of the narrowest division asked for or held; a filter outside the official's division finds no rows.
        var county = NullIfEmpty(f.County) ?? (me.Level == OfficialLevel.County ? me.DivisionCode : null);
        var city = NullIfEmpty(f.City) ?? (me.Level == OfficialLevel.City ? me.DivisionCode : null);
        var registered = db.Rollups.Where(r => r.Kind == RollupKinds.Enterprises && r.Key == RollupKinds.All).InScope(me).AtLevel(city, county);
        registered = string.IsNullOrEmpty(f.City) ? registered : registered.Where(r => r.City == f.City);
        registered = string.IsNullOrEmpty(f.Industry) ? registered : registered.Where(r => r.Industry == f.Industry);
        return (int)await registered.SumAsync(r => r.Count);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public static IQueryable<EnterpriseRow> Query(AppDbContext db, IQueryable<Enterprise> inScope, EnterpriseFilter f)
    {
        var latestSubmissions = db.Assessments.Latest();
        // The open draft (at most one per enterprise) as a join, not a correlated EXISTS: PostgreSQL hashed the EXISTS
        // over every draft of the province before the first row, ~500 ms at 1,000,000 enterprises for a page of 50.
        var drafts = db.Assessments.Where(d => d.Status == AssessmentStatus.Draft);
        var rows =
            from e in Matching(inScope, f)
            join a in latestSubmissions on e.Id equals a.EnterpriseId into latest
            from l in latest.DefaultIfEmpty()
            join d in drafts on e.Id equals d.EnterpriseId into open
            from draft in open.DefaultIfEmpty()
            select new EnterpriseRow
            {
                Id = e.Id, Name = e.Name, NameKey = e.NameKey, CreditCode = e.CreditCode, CityCode = e.CityCode, CountyCode = e.CountyCode,
                IndustryCode = e.IndustryCode, IsAboveScale = e.IsAboveScale, IsFlagshipChain = e.IsFlagshipChain,
                ReferenceLevel = l == null ? null : l.ReferenceLevel,
                Index = l == null ? null : l.Index,
                DtScore = l == null ? null : l.DtScore,
                DtIssued = l != null && l.DtIssuedId != null,
                CmmmLevel = l == null ? null : l.CmmmLevel,
                CmmmIssued = l != null && l.CmmmIssuedId != null,
                AiLevel = l == null ? null : db.IssuedResults.Where(r => r.Id == l.AiIssuedId).Select(r => r.Level).FirstOrDefault(),
                SubmittedAt = l == null ? null : l.SubmittedAt,
                Year = l == null ? null : l.Year,
                HasDraft = draft != null,
                Application = db.Applications.Where(x => x.EnterpriseId == e.Id).OrderByDescending(x => x.Id).Select(x => (ApplicationState?)x.State).FirstOrDefault(),
            };

        if (int.TryParse(f.Level, out var level))
        {
            rows = rows.Where(r => r.ReferenceLevel == level);
        }
        if (f.Year is int year)
        {
            rows = rows.Where(r => r.Year == year);
        }
        rows = f.Status switch
        {
            // As EXISTS, not through the joined draft: a filter over every enterprise in scope is a semi-join, which
            // PostgreSQL plans well; through the join its count took three times as long at 100,000 enterprises.
            "registered" => rows.Where(r => r.ReferenceLevel == null && !drafts.Any(d => d.EnterpriseId == r.Id)),
            "draft" => rows.Where(r => r.ReferenceLevel == null && drafts.Any(d => d.EnterpriseId == r.Id)),
            "submitted" => rows.Where(r => r.ReferenceLevel != null),
            "applied" => rows.Where(r => r.Application != null),
            "recommended" => rows.WhereRecommended(r => r.Application),
            "recognised" => rows.Where(r => r.Application == ApplicationState.Recognised),
            _ => rows,
        };
        return (f.Sort, f.Desc) switch
        {
            ("level", false) => rows.OrderBy(r => r.ReferenceLevel).ThenBy(r => r.Id),
            ("level", true) => rows.OrderByDescending(r => r.ReferenceLevel).ThenBy(r => r.Id),
            ("index", false) => rows.OrderBy(r => r.Index).ThenBy(r => r.Id),
            ("index", true) => rows.OrderByDescending(r => r.Index).ThenBy(r => r.Id),
            ("submitted", false) => rows.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id),
            ("submitted", true) => rows.OrderByDescending(r => r.SubmittedAt).ThenBy(r => r.Id),
            ("code", false) => rows.OrderBy(r => r.CreditCode),
            ("code", true) => rows.OrderByDescending(r => r.CreditCode),
            (_, true) => rows.OrderByDescending(r => r.NameKey).ThenBy(r => r.Id),
            _ => rows.OrderBy(r => r.NameKey).ThenBy(r => r.Id),
        };
    }

    public static string StatusOf(EnterpriseRow r) => r.Application switch
    {
        ApplicationState.Recognised => "已认定",
        ApplicationState state => $"先进级申报：{state.ChineseName()}",
        null when r.ReferenceLevel is not null => "已提交",
        null when r.HasDraft => "填报中",
        _ => "仅注册",
    };
}
