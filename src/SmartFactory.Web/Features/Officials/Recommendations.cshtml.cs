using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Issued;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// A round's 推荐汇总表 and 审核情况表 for the official's division (decision 036): shown, and downloaded as a workbook or as a
/// PDF with a signature and seal line. The province sees every city or one; a city or county only its own.
/// </summary>
public sealed class RecommendationsModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    [BindProperty(SupportsGet = true)]
    public int? Round { get; set; }

    /// <summary>The province's city filter; ignored for a city or county official, whose scope is their own.</summary>
    [BindProperty(SupportsGet = true)]
    public string? City { get; set; }

    public List<CampaignRound> Rounds { get; private set; } = [];
    public CampaignRound? Chosen { get; private set; }
    public Table SummaryTable { get; private set; } = null!;
    public Table ReviewTable { get; private set; } = null!;

    /// <summary>"苏州市" or "江苏省（全部设区市）": whose tables these are.</summary>
    public string Scope => CityFilter is { } c ? Regions.City(c)?.Name ?? MyDivision : MyDivision;

    private string? CityFilter => Me.Level == OfficialLevel.Province && !string.IsNullOrEmpty(City) && Regions.City(City) is not null ? City : null;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>GET ?handler=Xlsx&amp;table=summary|review: the table as a workbook.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(string table) => await DownloadAsync(table, pdf: false);

    /// <summary>GET ?handler=Pdf&amp;table=summary|review: the table as a PDF to sign and seal.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string table) => await DownloadAsync(table, pdf: true);

    private async Task<IActionResult> DownloadAsync(string table, bool pdf)
    {
        if (table is not (RoundTables.Summary or RoundTables.Review))
        {
            return BadRequest();
        }
        await LoadAsync();
        if (Chosen is null)
        {
            return NotFound();
        }
        var content = table == RoundTables.Review ? ReviewTable : SummaryTable;
        await AuditViewAsync(null, "round-tables.downloaded", $"{table} of round {Chosen.Id} for {CityFilter ?? Me.DivisionCode}, {content.Rows.Count} rows{(pdf ? " as PDF" : "")}");
        var name = $"{Chosen.Name}-{RoundTables.Title(table)}-{Scope}";
        return pdf
            ? File(RoundTablesReport.Write(content, $"{Chosen.Name} {RoundTables.Title(table)}", Scope, BeijingTime.Of(clock.GetUtcNow().UtcDateTime)), ReportsSetup.PdfType, DownloadName.Of(name, ".pdf"))
            : File(Spreadsheet.Write(content), Spreadsheet.ContentType, DownloadName.Of(name, ".xlsx"));
    }

    private async Task LoadAsync()
    {
        Rounds = await Db.Rounds.AsNoTracking().OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).ToListAsync();
        Chosen = Round is { } id ? Rounds.FirstOrDefault(r => r.Id == id) : Rounds.FirstOrDefault();
        var rows = Chosen is null ? [] : await RoundTables.RecommendedAsync(Db, Db.Applications.InScope(Me), Chosen.Id, CityFilter);
        var origins = await AssessmentOrigins.OfAsync(Db, rows.Select(r => r.Submission).ToList());
        SummaryTable = RoundTables.Of(RoundTables.Summary, rows, Regions, origins);
        ReviewTable = RoundTables.Of(RoundTables.Review, rows, Regions, origins);
    }
}
