using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Reports;

/// <summary>The roadmap section of the submission PDF: the target, the total cost and each year's milestone, as on the page.</summary>
public static class RoadmapReport
{
    public static void Write(PdfLayout pdf, Roadmap roadmap, Catalog catalog)
    {
        pdf.Heading(RoadmapText.Heading(roadmap));
        pdf.Paragraph(RoadmapText.Summary(roadmap));
        foreach (var m in roadmap.Milestones)
        {
            pdf.Paragraph(RoadmapText.MilestoneTitle(m), 10, bold: true);
            foreach (var line in RoadmapText.Items(m, catalog))
            {
                pdf.Paragraph($"· {line}");
            }
        }
        foreach (var action in roadmap.OtherActions)
        {
            pdf.Paragraph($"· 另需满足：{RoadmapText.OtherAction(action)}");
        }
    }
}
