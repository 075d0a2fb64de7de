using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Officials;

/// <summary>GET /Officials/Certificate/{application}: the certificate of a recognised application in the official's scope; audited.</summary>
public sealed class CertificateModel(AppDbContext db, Regions regions) : OfficialPage(db, regions)
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var application = await Db.Applications.InScope(Me).AsNoTracking().Include(a => a.Enterprise).Include(a => a.Round)
            .FirstOrDefaultAsync(a => a.Id == id && a.State == ApplicationState.Recognised && a.CertificateCode != null);
        if (application is null)
        {
            return NotFound();
        }
        await AuditViewAsync(application.EnterpriseId, "certificate.downloaded", $"application {id}");
        return File(Certificates.Pdf(Request, application), ReportsSetup.PdfType, Certificates.FileName(application));
    }
}
