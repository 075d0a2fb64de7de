using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>The filters of the officials' applications list; the same filter drives the page and its Excel export.</summary>
public sealed class ApplicationFilter : OfficialListFilter
{
    /// <summary>The round: the year of the self-assessment the application carries.</summary>
    [Display(Name = "年度")]
    public int? Year { get; set; }

    [Display(Name = "申报状态")]
    public ApplicationState? State { get; set; }

    /// <summary>"" any, or one of <see cref="ApplicationList.Holders"/>: whose desk the application is on.</summary>
    public string? Holder { get; set; }

    protected override IEnumerable<(string Name, string? Value)> OwnValues() =>
        [("Year", Year?.ToString()), ("State", State is { } s ? ((int)s).ToString() : null), ("Holder", Holder)];
}

/// <summary>One application of the list. Member-initialised so EF can sort on the projection.</summary>
public sealed class ApplicationRow
{
    public int Id { get; init; }
    public string Enterprise { get; init; } = "";
    public string CreditCode { get; init; } = "";
    public int Year { get; init; }
    public ApplicationState State { get; init; }
    public DateTime UpdatedAt { get; init; }
    public ApplicationRoute Route { get; init; } = null!;
}

public static class ApplicationList
{
    public static readonly (string Code, string Name)[] Holders =
    [
        ("mine", "待我办理"), ("county", "在区县"), ("city", "在设区市"), ("province", "在省级"), ("closed", "已办结"),
    ];

    /// <summary>The applications in scope that pass the filter, as rows of the table, waiting-for-me first unless sorted.</summary>
    public static IQueryable<ApplicationRow> Query(AppDbContext db, IQueryable<ApplicationRecord> inScope, Official me, ApplicationFilter f)
    {
        var rows = Matching(db, inScope, me, f);
        rows = (f.Sort, f.Desc) switch
        {
            ("name", false) => rows.OrderBy(a => a.Enterprise!.NameKey).ThenBy(a => a.Id),
            ("name", true) => rows.OrderByDescending(a => a.Enterprise!.NameKey).ThenBy(a => a.Id),
            ("state", false) => rows.OrderBy(a => a.State).ThenByDescending(a => a.UpdatedAt),
            ("state", true) => rows.OrderByDescending(a => a.State).ThenByDescending(a => a.UpdatedAt),
            ("updated", false) => rows.OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id),
            ("updated", true) => rows.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id),
            _ => rows.OrderByDescending(QueryRules.IsHeldBy(me)).ThenByDescending(a => a.UpdatedAt).ThenBy(a => a.Id),
        };
        return rows.Select(a => new ApplicationRow
        {
            Id = a.Id, Enterprise = a.Enterprise!.Name, CreditCode = a.Enterprise.CreditCode,
            Year = db.Assessments.Where(s => s.Id == a.AssessmentId).Select(s => s.Year).First(),
            State = a.State, UpdatedAt = a.UpdatedAt,
            Route = new ApplicationRoute(a.CountyCode, a.CityCode, a.CountyReportsToProvince, a.Flagship),
        });
    }

    /// <summary>The applications in scope that pass the filter, all narrowed in the database.</summary>
    public static IQueryable<ApplicationRecord> Matching(AppDbContext db, IQueryable<ApplicationRecord> inScope, Official me, ApplicationFilter f)
    {
        if (!string.IsNullOrEmpty(f.City))
        {
            inScope = inScope.Where(a => a.CityCode == f.City);
        }
        if (!string.IsNullOrEmpty(f.County))
        {
            inScope = inScope.Where(a => a.CountyCode == f.County);
        }
        if (f.State is { } state)
        {
            inScope = inScope.Where(a => a.State == state);
        }
        if (f.Year is int year)
        {
            inScope = inScope.Where(a => db.Assessments.Any(s => s.Id == a.AssessmentId && s.Year == year));
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var matching = db.Enterprises.Search(f.Q);
            inScope = inScope.Where(a => matching.Any(e => e.Id == a.EnterpriseId));
        }
        return f.Holder switch
        {
            "mine" => inScope.HeldBy(me),
            "county" => inScope.Where(a => a.HolderLevel == OfficialLevel.County),
            "city" => inScope.Where(a => a.HolderLevel == OfficialLevel.City),
            "province" => inScope.Where(a => a.HolderLevel == OfficialLevel.Province),
            "closed" => inScope.Where(a => a.HolderLevel == null),
            _ => inScope,
        };
    }
}
