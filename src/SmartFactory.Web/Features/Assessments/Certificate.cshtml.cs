using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>GET /Assessments/Certificate/{application}: the enterprise's own certificate, once recognised.</summary>
public sealed class CertificateModel(AppDbContext db) : EnterprisePage(db)
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var application = await Db.Applications.AsNoTracking().Include(a => a.Enterprise).Include(a => a.Round)
            .FirstOrDefaultAsync(a => a.Id == id && a.EnterpriseId == EnterpriseId && a.State == ApplicationState.Recognised && a.CertificateCode != null);
        return application is null ? NotFound() : File(Certificates.Pdf(Request, application), ReportsSetup.PdfType, Certificates.FileName(application));
    }
}
