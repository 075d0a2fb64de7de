using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// What an official sees: county → its county, city → its counties, province → all. Every official query
/// starts from these filters, so no list, page, export or chart can reach outside the division.
/// </summary>
public static class Scopes
{
    public static IQueryable<Enterprise> InScope(this IQueryable<Enterprise> enterprises, Official official) => official.Level switch
    {
        OfficialLevel.County => enterprises.Where(e => e.CountyCode == official.DivisionCode),
        OfficialLevel.City => enterprises.Where(e => e.CityCode == official.DivisionCode),
        _ => enterprises,
    };

    public static IQueryable<AssessmentRecord> InScope(this IQueryable<AssessmentRecord> assessments, Official official) => official.Level switch
    {
        OfficialLevel.County => assessments.Where(a => a.Enterprise!.CountyCode == official.DivisionCode),
        OfficialLevel.City => assessments.Where(a => a.Enterprise!.CityCode == official.DivisionCode),
        _ => assessments,
    };

    public static IQueryable<ApplicationRecord> InScope(this IQueryable<ApplicationRecord> applications, Official official) => official.Level switch
    {
        OfficialLevel.County => applications.Where(a => a.CountyCode == official.DivisionCode),
        OfficialLevel.City => applications.Where(a => a.CityCode == official.DivisionCode),
        _ => applications,
    };

    /// <summary>备案 filings of the official's division, by the county and city the enterprise had when it filed.</summary>
    public static IQueryable<Filing> InScope(this IQueryable<Filing> filings, Official official) => official.Level switch
    {
        OfficialLevel.County => filings.Where(f => f.CountyCode == official.DivisionCode),
        OfficialLevel.City => filings.Where(f => f.CityCode == official.DivisionCode),
        _ => filings,
    };

    /// <summary>Rollup rows inside the official's division, at every level in it (a view then picks one with Rollups.AtLevel).</summary>
    public static IQueryable<Rollup> InScope(this IQueryable<Rollup> rollups, Official official) => official.Level switch
    {
        OfficialLevel.County => rollups.Where(r => r.County == official.DivisionCode),
        OfficialLevel.City => rollups.Where(r => r.City == official.DivisionCode),
        _ => rollups,
    };

    /// <summary>Whether a division (county or city code) lies within the official's own.</summary>
    public static bool Covers(this Official official, string countyCode, string cityCode) => official.Level switch
    {
        OfficialLevel.County => countyCode == official.DivisionCode,
        OfficialLevel.City => cityCode == official.DivisionCode,
        _ => true,
    };
}
