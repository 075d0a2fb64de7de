using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Reports;

/// <summary>The "what changed since the previous submission" section of the submission PDF, in the page's words.</summary>
public static class ChangesReport
{
    public static void Write(PdfLayout pdf, ChangesSection changes)
    {
        pdf.Heading("与上次提交相比");
        pdf.Paragraph(changes.ReferenceLine);
        if (changes.Previous is null)
        {
            return;
        }
        if (changes.OtherEdition)
        {
            pdf.Paragraph(changes.OtherEditionLine);
            return;
        }
        if (changes.Scenarios.Count == 0)
        {
            pdf.Paragraph(ChangesSection.SameText);
        }
        else
        {
            pdf.Paragraph("场景变化", 10, bold: true);
            pdf.Table([("场景", 0.5), ("变化", 0.12), ("上次 → 本次", 0.38)],
                changes.Scenarios.Select(c => (IReadOnlyList<string>)[changes.ScenarioName(c), c.KindName, ChangesSection.Move(c)]));
        }
        pdf.Paragraph("环节变化", 10, bold: true);
        pdf.Table([("环节", 0.34), ("建设指数", 0.3), ("最高场景等级", 0.36)],
            changes.Stages.Select(st => (IReadOnlyList<string>)[st.Changed ? $"{st.Stage}（有变化）" : st.Stage, ChangesSection.Index(st), ChangesSection.Top(st)]));
    }
}
