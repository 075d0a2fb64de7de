using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Contracts;
using SmartFactory.Web.Data;
using UglyToad.PdfPig;
using static SmartFactory.Web.Tests.ReportBuilders;
using static SmartFactory.Web.Tests.Seed;

namespace SmartFactory.Web.Tests;

/// <summary>The PDF a user downloads: the submission report and the 申报书, read back with a PDF text extractor and rendered with poppler.</summary>
public sealed class ReportPdfTests : IDisposable
{
    private const string Evidence = "已建成车间排产系统。";
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheSubmissionPdfCarriesTheWholeResultInAnEmbeddedSubsetChineseFont()
    {
        var enterprise = _app.Browser();
        var code = await Builders.RegisterAsync(enterprise, 1);
        var catalog = Builders.Catalog(_app);
        await Builders.CompleteAtAdvancedAsync(enterprise, catalog);
        (await Builders.RateAsync(enterprise, catalog, 9, "advanced", evidence: Evidence)).EnsureSuccessStatusCode();
        var id = await SubmitAsync(enterprise);
        var saved = _app.Query(db => db.Assessments.Include(a => a.Result).Single(a => a.Id == id));
        var name = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Name);
        Assert.Equal(3, saved.ReferenceLevel);

        var response = await enterprise.Client.GetAsync($"/Assessments/Result/{id}?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.True(pdf.Length < 1024 * 1024, $"the report is {pdf.Length} bytes: the 5 MB font was not subset");
        var text = PdfText(pdf);
        var result = JsonSerializer.Deserialize<GradeResultDto>(saved.Result!.Json, Wire.Options)!;
        var gates = result.Tiers.SelectMany(t => t.Checks).Select(c => c.Label).Distinct().ToList();
        Assert.Contains("数字化转型评估得分", gates);
        Assert.Contains("必须覆盖的环节", gates);
        AssertContainsAll(text, [
            "智能工厂等级水平自评估报告", $"{name}（统一社会信用代码 {code}）", "参考等级：先进级",
            "JS-2026 / JS-2026 版本 2026.1", "数字化转型评估75", "分（2026-10-01）",
            "升级到卓越级的最小代价路径", "9. 车间智能排产", Evidence,
            "承诺人：李四（总经理）", "承诺日期：2026-11-25", "第 1 页 / 共"]);
        AssertContainsAll(text, gates);
        AssertContainsAll(text, catalog.Stages);

        using (var document = PdfDocument.Open(pdf))
        {
            var letters = document.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            Assert.NotEmpty(letters);
            var fonts = letters.Select(l => l.FontName).Distinct().ToList();
            Assert.All(fonts, f => Assert.Matches(@"^[A-Z]{6}\+", f));
            Assert.All(fonts, f => Assert.EndsWith("+WenQuanYi Micro Hei", f));
        }
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(pdf));

        var folder = Path.Combine(RepositoryRoot(), "artifacts", "reports");
        Directory.CreateDirectory(folder);
        var pdfFile = Path.Combine(folder, "submission.pdf");
        await File.WriteAllBytesAsync(pdfFile, pdf);
        var png = Path.Combine(folder, "submission-page1");
        File.Delete(png + ".png");
        Pdftoppm(pdfFile, png, "-r", "50", "-png");
        Assert.True(new FileInfo(png + ".png").Length > 5 * 1024, "page 1 rendered to a tiny PNG");
        var gray = Path.Combine(Path.GetTempPath(), $"sf-report-{Guid.NewGuid():N}");
        try
        {
            Pdftoppm(pdfFile, gray, "-r", "50", "-gray");
            var (width, height, ink) = Ink(await File.ReadAllBytesAsync(gray + ".pgm"));
            Assert.InRange(width, 412, 415);
            Assert.InRange(height, 584, 586);
            Assert.True(ink is > 0.01 and < 0.5, $"page 1 has {ink:P1} ink: blank or filled");
        }
        finally
        {
            File.Delete(gray + ".pgm");
        }

        var official = await OfficialAsync(_app, Role.CountyOfficial, "320505", "虎丘区工信局");
        AssertContainsAll(PdfText(await DownloadAsync(official, $"/Officials/Submission/{id}?handler=Pdf", "application/pdf")), [$"{name}（统一社会信用代码 {code}）", "参考等级：先进级", Evidence]);
        var outside = await OfficialAsync(_app, Role.CountyOfficial, "320583", "昆山市工信局");
        Assert.Equal(HttpStatusCode.NotFound, (await outside.Client.GetAsync($"/Officials/Submission/{id}?handler=Pdf")).StatusCode);
        var other = _app.Browser();
        await Builders.RegisterAsync(other, 2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/Assessments/Result/{id}?handler=Pdf")).StatusCode);
    }

    [Fact]
    public async Task TheApplicationPdfShowsTheStateAndTheRecommendationToTheEnterpriseAndItsOfficialsOnly()
    {
        Seed.Round(_app);
        var enterprise = _app.Browser();
        var code = await Builders.RegisterAsync(enterprise, 1);
        await Builders.CompleteAtAdvancedAsync(enterprise, Builders.Catalog(_app));
        await SubmitAsync(enterprise);
        await ApplyThroughThePageAsync(enterprise);
        var id = _app.Query(db => db.Applications.Single().Id);
        var name = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Name);
        var county = await OfficialAsync(_app, Role.CountyOfficial, "320505", "虎丘区审核员王五");
        var recommended = await county.PostAsync($"/Officials/Application/{id}", null,
            new Dictionary<string, string> { ["Action"] = "Recommend", ["Comment"] = "材料齐全，同意推荐。" });
        Assert.Equal(HttpStatusCode.Redirect, recommended.StatusCode);
        Assert.Equal(ApplicationState.AtCity, _app.Query(db => db.Applications.Single().State));

        var own = PdfText(await DownloadAsync(enterprise, $"/Assessments/Apply?handler=Pdf&application={id}", "application/pdf"));
        var official = PdfText(await DownloadAsync(county, $"/Officials/Application/{id}?handler=Pdf", "application/pdf"));

        foreach (var text in new[] { own, official })
        {
            AssertContainsAll(text, [
                "江苏省先进级智能工厂申报书", name, code, "当前状态：待设区市推荐", "区县 → 设区市 → 省",
                "虎丘区审核员王五", "推荐：待设区市推荐", "材料齐全，同意推荐。", "提交申报：待区县推荐",
                "自评参考等级先进级", "JS-2026 / JS-2026 2026.1", "承诺人：李四（总经理）"]);
        }
        Assert.Equal(own, official);
        var city = await OfficialAsync(_app, Role.CityOfficial, "320500", "苏州市工信局");
        AssertContainsAll(PdfText(await DownloadAsync(city, $"/Officials/Application/{id}?handler=Pdf", "application/pdf")), [name, "材料齐全，同意推荐。"]);

        var other = _app.Browser();
        await Builders.RegisterAsync(other, 2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/Assessments/Apply?handler=Pdf&application={id}")).StatusCode);
        foreach (var (division, role) in new[] { ("320583", Role.CountyOfficial), ("320200", Role.CityOfficial) })
        {
            var outside = await OfficialAsync(_app, role, division, "外地官员");
            var response = await outside.Client.GetAsync($"/Officials/Application/{id}?handler=Pdf");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"an official of {division} got {(int)response.StatusCode}");
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
