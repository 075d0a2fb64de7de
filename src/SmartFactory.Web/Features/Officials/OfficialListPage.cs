using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Officials;

/// <summary>What the officials' lists filter on alike: the division (a county within the chosen city), a search, sort and page.</summary>
public abstract class OfficialListFilter
{
    public string? City { get; set; }
    public string? County { get; set; }
    public string? Q { get; set; }
    public string? Sort { get; set; }
    public bool Desc { get; set; }

    [Display(Name = "页码")]
    public int Page { get; set; } = 1;

    /// <summary>The list's own filters as query-string values (name without the "Filter." prefix).</summary>
    protected abstract IEnumerable<(string Name, string? Value)> OwnValues();

    /// <summary>Every filter value, for links that keep the filter and change the sort or page.</summary>
    public IEnumerable<(string Name, string? Value)> Values() =>
        new (string Name, string? Value)[] { ("City", City), ("County", County), ("Q", Q) }.Concat(OwnValues());
}

public enum DownloadFormat
{
    Xlsx,
    Csv,
}

/// <summary>A list page for officials: the division filter that follows the chosen city, 50 rows a page, sort and page links.</summary>
public abstract class OfficialListPage(AppDbContext db, Regions regions) : OfficialPage(db, regions)
{
    public const int PageSize = 50;

    public abstract OfficialListFilter ListFilter { get; }

    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Why part of the filter was ignored, in Chinese; null when all of it applies.</summary>
    public string? Notice => _ignored.Count == 0 ? null : string.Join(" ", _ignored) + "已忽略这些筛选条件。";

    private readonly List<string> _ignored = [];

    public IEnumerable<City> CityOptions => Cities.ByName();

    /// <summary>The counties the county filter offers: those in scope, of the chosen city when there is one.</summary>
    public IEnumerable<County> CountyOptions => Counties.Where(k => string.IsNullOrEmpty(ListFilter.City) || k.CityCode == ListFilter.City).ByName();

    /// <summary>Every county in scope, for the script that refreshes the county options when the city changes.</summary>
    public IEnumerable<County> AllCountyOptions => Counties.ByName();

    /// <summary>
    /// Keeps the filter to what can apply: values that did not bind (a letter in the year) are left out, and so is a county that
    /// does not exist or does not lie in the chosen city; the notice says which. (A county outside the official's division
    /// needs no check here: the scope leaves nothing to list.)
    /// </summary>
    protected void IgnoreWhatCannotApply()
    {
        _ignored.AddRange(ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        var f = ListFilter;
        if (string.IsNullOrEmpty(f.County))
        {
            return;
        }
        if (Regions.County(f.County) is not { } county)
        {
            _ignored.Add($"区县代码“{f.County}”不存在。");
            f.County = null;
        }
        else if (!string.IsNullOrEmpty(f.City) && county.CityCode != f.City)
        {
            _ignored.Add($"{Regions.DivisionName(county.Code)}不属于{Regions.City(f.City)?.Name ?? f.City}。");
            f.County = null;
        }
    }

    /// <summary>
    /// The filtered list, every page, as the official asked for it: an .xlsx, or UTF-8 CSV for the systems that take only
    /// CSV — the same table either way, and its download recorded as a view of the enterprises' data.
    /// </summary>
    protected async Task<IActionResult> DownloadAsync(Table table, DownloadFormat format, string action)
    {
        var csv = format == DownloadFormat.Csv;
        await AuditViewAsync(null, action, $"{table.Rows.Count} rows of {Me.DivisionCode}{(csv ? " as CSV" : "")}");
        var name = $"{table.Name}-{MyDivision}";
        return csv
            ? File(Csv.Write(table), Csv.ContentType + "; charset=utf-8", DownloadName.Of(name, ".csv"))
            : File(Spreadsheet.Write(table), Spreadsheet.ContentType, DownloadName.Of(name, ".xlsx"));
    }

    /// <summary>Counts the filtered rows, keeps the page number within the pages, and reads that page.</summary>
    protected async Task<List<T>> OnePageAsync<T>(IQueryable<T> rows, Task<int> total)
    {
        Total = await total;
        ListFilter.Page = Math.Clamp(ListFilter.Page, 1, Pages);
        return await rows.Skip((ListFilter.Page - 1) * PageSize).Take(PageSize).ToListAsync();
    }

    /// <summary>This list's URL with the same filter and another sort or page (page 1 unless told).</summary>
    public string Link(string? sort = null, int? page = null, bool? desc = null)
    {
        var f = ListFilter;
        (string Name, string? Value)[] paging = [("Sort", sort ?? f.Sort), ("Desc", (desc ?? f.Desc) ? "true" : null), ("Page", (page ?? 1).ToString())];
        var values = f.Values().Concat(paging).Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => KeyValuePair.Create("Filter." + v.Name, v.Value));
        return QueryHelpers.AddQueryString(Request.Path, values);
    }

    /// <summary>The sort link of a column: ascending first for <paramref name="ascendingFirst"/> columns, and flipping when already sorted by it.</summary>
    public string SortLink(string sort, bool ascendingFirst = false, bool isDefault = false)
    {
        var current = ListFilter.Sort == sort || (isDefault && ListFilter.Sort is null);
        return Link(sort: sort, desc: ascendingFirst ? current && !ListFilter.Desc : !(current && ListFilter.Desc));
    }
}
