using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;

namespace SmartFactory.Web.Features.Public;

/// <summary>
/// /verify/{code}: anyone holding a certificate checks it — the enterprise, tier, batch, 文号, date and validity, and
/// nothing else. An unknown code is a 404 that says so; a form takes a typed code.
/// </summary>
public sealed class VerifyModel(AppDbContext db, TimeProvider clock) : PublicPage(db)
{
    public sealed record Certificate(string Enterprise, string Tier, string Batch, string DocumentNo, DateOnly RecognisedOn, DateOnly ValidUntil, bool Valid);

    public string? Code { get; private set; }
    public Certificate? Found { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Page();
        }
        var typed = code.Trim();
        Code = typed.Length > 40 ? typed[..40] : typed;
        if (Recognition.Normalise(code) is { } normalised)
        {
            var a = await Db.Applications.AsNoTracking().Include(x => x.Round).Include(x => x.Enterprise)
                .Where(x => x.CertificateCode == normalised && x.State == ApplicationState.Recognised).FirstOrDefaultAsync();
            if (a is { RecognitionDocumentNo: { } documentNo, RecognisedOn: { } on, ValidUntil: { } until })
            {
                Found = new Certificate(a.Enterprise!.Name, Recognition.TierName(a), Recognition.BatchName(a), documentNo, on, until,
                    BeijingTime.Today(clock.GetUtcNow().UtcDateTime) <= until);
                return Page();
            }
        }
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
