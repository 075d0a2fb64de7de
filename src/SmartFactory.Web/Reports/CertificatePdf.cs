using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;

namespace SmartFactory.Web.Reports;

/// <summary>
/// The certificate of a recognised 智能工厂: one A4 page with the enterprise, tier, batch, 文号, dates, the verification
/// code and a QR code of the public verification page (decision 027).
/// </summary>
public static class CertificatePdf
{
    /// <summary>The side of one QR module in points; the code is drawn as vector squares, sharp at any zoom and in print.</summary>
    public const double ModulePoints = 3.5;

    /// <summary>Where the QR code's top edge (quiet zone included) lies on the page, in points from the top; it is centred across.</summary>
    public const double QrTop = 500;

    /// <summary>The QR's modules, quiet zone included (true = dark), for comparing with an image taken out of a certificate.</summary>
    public static bool[][] QrModules(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToArray();
    }

    public static byte[] Write(ApplicationRecord application, Enterprise enterprise, string verifyUrl)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{Recognition.TierName(application)}证书 {enterprise.Name}";
        document.Info.Creator = "SmartFactory 江苏省智能工厂等级水平自评测系统";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point;
            var height = page.Height.Point;
            g.DrawRectangle(new XPen(XColor.FromArgb(180, 30, 30), 3), 28, 28, width - 56, height - 56);
            g.DrawRectangle(new XPen(XColor.FromArgb(180, 30, 30), 0.8), 36, 36, width - 72, height - 72);
            var y = 110.0;
            void Centered(string text, double size, bool bold = false)
            {
                g.DrawString(text, PdfLayout.Font(size, bold), XBrushes.Black, new XRect(60, y, width - 120, size * 1.5), XStringFormats.TopCenter);
                y += size * 1.8;
            }
            Centered("证　书", 30, bold: true);
            y += 20;
            Centered(enterprise.Name, 20, bold: true);
            Centered($"统一社会信用代码：{enterprise.CreditCode}", 11);
            y += 16;
            Centered("经审核认定为", 14);
            Centered(Recognition.TierName(application), 24, bold: true);
            y += 30;
            var font = PdfLayout.Font(12);
            foreach (var (label, value) in new[]
            {
                ("认定批次", Recognition.BatchName(application)),
                ("认定文号", application.RecognitionDocumentNo ?? ""),
                ("认定日期", application.RecognisedOn?.ToString("yyyy年M月d日") ?? ""),
                ("有效期至", application.ValidUntil?.ToString("yyyy年M月d日") ?? ""),
                ("验证码", Recognition.Grouped(application.CertificateCode ?? "")),
            })
            {
                g.DrawString(label + "：", font, XBrushes.Black, new XRect(110, y, 100, 18), XStringFormats.TopLeft);
                g.DrawString(value, font, XBrushes.Black, new XRect(200, y, width - 310, 18), XStringFormats.TopLeft);
                y += 24;
            }
            var modules = QrModules(verifyUrl);
            var side = modules.Length * ModulePoints;
            var left = (width - side) / 2;
            for (var row = 0; row < modules.Length; row++)
            {
                for (var column = 0; column < modules.Length; column++)
                {
                    if (modules[row][column])
                    {
                        // A hair wider than the module, so that neighbours join without hairline gaps when rendered.
                        g.DrawRectangle(XBrushes.Black, left + column * ModulePoints, QrTop + row * ModulePoints, ModulePoints + 0.05, ModulePoints + 0.05);
                    }
                }
            }
            y = QrTop + side + 8;
            Centered("扫描二维码或访问以下网址核验本证书：", 10);
            Centered(verifyUrl, 10);
            g.DrawString("江苏省工业和信息化厅", PdfLayout.Font(14, bold: true), XBrushes.Black, new XRect(60, height - 150, width - 170, 20), XStringFormats.TopRight);
            g.DrawString(application.RecognisedOn?.ToString("yyyy年M月d日") ?? "", PdfLayout.Font(12), XBrushes.Black, new XRect(60, height - 125, width - 170, 20), XStringFormats.TopRight);
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
