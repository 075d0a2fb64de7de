using System.Net;
using System.Text;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;
using SmartFactory.Web.Reports;
using static SmartFactory.Web.Tests.OfficialIsolationTests;

namespace SmartFactory.Web.Tests;

/// <summary>
/// 认定 and what the public sees (issue 13 part 4): the 文号 and certificate, its PDF and QR code, the verification page
/// without a login, and the 公示 list during its objection period only.
/// </summary>
public abstract class RecognitionTests(string provider) : IDisposable
{
    private const string PublicBase = "https://znzz.example.gov.cn";
    private const string DocumentNo = "苏工信智能〔2026〕12号";

    // 10:00 in Beijing on 20 November 2026.
    private readonly MovableClock _clock = new(new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc));
    private AppFactory? _factory;

    private AppFactory App => _factory ??= new AppFactory { Provider = provider, Clock = _clock, Settings = { ["Network:PublicBaseUrl"] = PublicBase, ["AllowedHosts"] = "*" } };

    public void Dispose()
    {
        _factory?.Dispose();
        GC.SuppressFinalize(this);
    }

    private DateOnly Today => BeijingTime.Today(_clock.GetUtcNow().UtcDateTime);

    /// <summary>A registered enterprise (its administrator signed in) with a site-checked application.</summary>
    private async Task<(Browser Enterprise, int EnterpriseId, string Name, string CreditCode, int Application)> SiteCheckedAsync(int n)
    {
        var browser = App.Browser();
        var code = await Builders.RegisterAsync(browser, n, Seed.HuqiuCounty);
        var (id, name) = App.Query(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => new { e.Id, e.Name }).Single()) is var e ? (e.Id, e.Name) : default;
        Seed.Submission(App, id, Tier.Advanced);
        return (browser, id, name, code, Seed.Application(App, id, ApplicationState.SiteChecked));
    }

    private Task<Browser> ProvinceAsync() => Seed.OfficialAsync(App, Role.ProvinceOfficial, ApplicationWorkflow.Province, "江苏省工信厅");

    [Fact]
    public async Task ARecognitionWithItsDocumentNumberGivesACertificateWhoseQrCodeOpensThePublicVerificationPage()
    {
        var (enterprise, _, name, creditCode, id) = await SiteCheckedAsync(1);
        var province = await ProvinceAsync();

        var noNumber = await province.PostAsync($"/Officials/Application/{id}", null, Decision("Recognise", "同意认定。", 2026, documentNo: "  "));
        Assert.Contains("认定时必须填写认定文号（如“苏工信智能〔2026〕12号”）。", Browser.Text(await Browser.ParseAsync(noNumber)));
        Assert.Equal((ApplicationState.SiteChecked, (string?)null), App.Query(db => db.Applications.Where(a => a.Id == id).Select(a => new { a.State, a.CertificateCode }).Single()) is var s ? (s.State, s.CertificateCode) : default);

        var done = await province.PostAsync($"/Officials/Application/{id}", null, Decision("Recognise", "同意认定。", 2026, DocumentNo));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var recognised = App.Query(db => db.Applications.Single(a => a.Id == id));
        Assert.Equal(ApplicationState.Recognised, recognised.State);
        Assert.Equal(DocumentNo, recognised.RecognitionDocumentNo);
        Assert.Equal(new DateOnly(2026, 11, 20), recognised.RecognisedOn);
        Assert.Equal(new DateOnly(2029, 11, 19), recognised.ValidUntil);
        var code = recognised.CertificateCode!;
        Assert.Matches("^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{16}$", code);
        var officialPage = await province.GetAsync($"/Officials/Application/{id}");
        Assert.Equal(Recognition.Grouped(code), officialPage.QuerySelector("[data-testid=certificate-code]")!.TextContent);

        // The enterprise sees its certificate and downloads it.
        var own = await enterprise.GetAsync("/Assessments/Apply");
        Assert.Equal(DocumentNo, own.QuerySelector("[data-testid=document-no]")!.TextContent);
        var response = await enterprise.Client.GetAsync($"/Assessments/Certificate/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var text = ReportBuilders.PdfText(pdf);
        var url = $"{PublicBase}/verify/{code}";
        foreach (var expected in new[] { name, creditCode, "江苏省先进级智能工厂", "2026年度", DocumentNo, "2026年11月20日", "2029年11月19日", Recognition.Grouped(code), url })
        {
            Assert.Contains(ReportBuilders.Squeeze(expected), text);
        }

        // The QR code as rendered (poppler, 144 dpi: 2 pixels a point) is the QR code of the verification URL, module for
        // module, quiet zone included: sampled at each module's centre.
        var page = RenderedPage(pdf);
        var modules = CertificatePdf.QrModules(url);
        var scale = page.Width / 595.28;
        var left = (595.28 - (modules.Length * CertificatePdf.ModulePoints)) / 2;
        var differing = new List<string>();
        for (var row = 0; row < modules.Length; row++)
        {
            for (var column = 0; column < modules.Length; column++)
            {
                var x = (int)((left + ((column + 0.5) * CertificatePdf.ModulePoints)) * scale);
                var y = (int)((CertificatePdf.QrTop + ((row + 0.5) * CertificatePdf.ModulePoints)) * scale);
                if (page.Dark(x, y) != modules[row][column])
                {
                    differing.Add($"({row},{column})");
                }
            }
        }
        Assert.True(differing.Count == 0, "modules differ from the URL's QR code: " + string.Join(" ", differing));
        Assert.Contains(modules.SelectMany(r => r), m => m);

        // Anyone opens the URL without signing in, and sees the certificate and nothing else of the enterprise.
        var anonymous = App.Browser();
        var verify = await anonymous.GetAsync(new Uri(url).PathAndQuery);
        var found = verify.QuerySelector("[data-testid=certificate]")!;
        Assert.Equal(name, found.QuerySelector("[data-testid=enterprise]")!.TextContent);
        Assert.Equal("有效", found.QuerySelector("[data-testid=validity]")!.TextContent);
        Assert.Equal(["企业名称", name, "认定等级", "江苏省先进级智能工厂", "认定批次", "2026 年度", "认定文号", DocumentNo, "认定日期", "2026-11-20", "有效期至", "2029-11-19"],
            found.QuerySelectorAll("dt, dd").Select(x => x.TextContent));
        Assert.DoesNotContain(creditCode, Browser.Text(verify));
        Assert.DoesNotContain("0512-12345678", Browser.Text(verify));

        // A code typed in the form as printed (grouped, lower case) finds it too; an unknown one is a 404 that says so.
        var typed = await anonymous.GetAsync("/verify?code=" + Uri.EscapeDataString(Recognition.Grouped(code).ToLowerInvariant()));
        Assert.Equal(name, typed.QuerySelector("[data-testid=enterprise]")!.TextContent);
        var unknown = await anonymous.Client.GetAsync("/verify/ABCDEFGHJKLMNPQR");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unknownPage = await Browser.ParseAsync(unknown);
        Assert.Contains("未找到该证书", unknownPage.QuerySelector("[data-testid=not-found]")!.TextContent);
        Assert.Null(unknownPage.QuerySelector("[data-testid=certificate]"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Client.GetAsync("/verify/%3Cscript%3E")).StatusCode);

        // After the validity the page says so.
        _clock.Advance(TimeSpan.FromDays(3 * 366));
        Assert.Equal("已过有效期", (await App.Browser().GetAsync($"/verify/{code}")).QuerySelector("[data-testid=validity]")!.TextContent);
    }

    [Fact]
    public async Task TheCertificateIsTheEnterprisesAndOfficialsInScopeOnlyAndTheirDownloadsAreAudited()
    {
        var (_, enterpriseId, _, _, id) = await SiteCheckedAsync(1);
        var (other, _, _, _, _) = await SiteCheckedAsync(2);
        var province = await ProvinceAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await province.Client.GetAsync($"/Officials/Certificate/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await province.PostAsync($"/Officials/Application/{id}", null, Decision("Recognise", null, 2026, DocumentNo))).StatusCode);

        var county = await Seed.OfficialAsync(App, Role.CountyOfficial, Seed.HuqiuCounty);
        var outside = await Seed.OfficialAsync(App, Role.CityOfficial, Seed.Wuxi);
        Assert.Equal(HttpStatusCode.OK, (await county.Client.GetAsync($"/Officials/Certificate/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outside.Client.GetAsync($"/Officials/Certificate/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/Assessments/Certificate/{id}")).StatusCode);
        Assert.Equal(1, App.Query(db => db.AuditEvents.Count(e => e.Action == "certificate.downloaded" && e.EnterpriseId == enterpriseId)));
    }

    [Fact]
    public async Task ThePublicityPageListsAProposedEnterpriseDuringItsPeriodOnlyAndRecognitionWaitsUntilTheEnd()
    {
        var (_, _, name, creditCode, id) = await SiteCheckedAsync(1);
        var round = Seed.Round(App);
        App.Query(db =>
        {
            db.Applications.Single(a => a.Id == id).RoundId = round;
            return db.SaveChanges();
        });
        var province = await ProvinceAsync();
        var roundName = App.Query(db => db.Rounds.Single(r => r.Id == round).Name);
        var form = (DateOnly from, DateOnly until, params int[] proposed) => new List<KeyValuePair<string, string>>(
            proposed.Select(p => new KeyValuePair<string, string>("Proposed", p.ToString())))
            { new("PublicityFrom", from.ToString("yyyy-MM-dd")), new("PublicityUntil", until.ToString("yyyy-MM-dd")) };

        var tooShort = await province.PostAsync($"/Officials/Publicity/{round}", null, form(Today.AddDays(1), Today.AddDays(3), id));
        Assert.Contains("公示期至少 5 天（含开始和结束当日）。", Browser.Text(await Browser.ParseAsync(tooShort)));
        var none = await province.PostAsync($"/Officials/Publicity/{round}", null, form(Today.AddDays(1), Today.AddDays(7)));
        Assert.Contains("请至少选择一家拟认定的企业。", Browser.Text(await Browser.ParseAsync(none)));
        Assert.Null(App.Query(db => db.Rounds.Single(r => r.Id == round).PublicityFrom));

        var published = await province.PostAsync($"/Officials/Publicity/{round}", null, form(Today.AddDays(1), Today.AddDays(7), id));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(Today, App.Query(db => db.Applications.Single(a => a.Id == id).ProposedOn));

        // Before the period: not on the public page.
        var before = await App.Browser().GetAsync("/public/publicity");
        Assert.DoesNotContain(name, Browser.Text(before));
        Assert.NotNull(before.QuerySelector("[data-testid=no-publicity]"));

        // During it: listed with its place, industry and tier, and nothing else of it; recognition is refused.
        _clock.Advance(TimeSpan.FromDays(1));
        var during = await App.Browser().GetAsync("/public/publicity");
        var listing = during.QuerySelector("[data-testid=publicity]")!;
        Assert.Contains(roundName, listing.QuerySelector("h2")!.TextContent);
        Assert.Contains("公示期：2026年11月21日 至 2026年11月27日。", listing.TextContent);
        Assert.Contains("请于公示期内以书面形式", listing.TextContent);
        Assert.Equal([name, "苏州市", "虎丘区", "电气机械和器材制造业", "先进级智能工厂"],
            listing.QuerySelectorAll("tbody tr td").Select(td => td.TextContent));
        var all = Browser.Text(during);
        Assert.DoesNotContain(creditCode, all);
        Assert.DoesNotContain("0512-12345678", all);
        Assert.DoesNotContain("联系人", all);

        province = await ProvinceAsync();
        var early = await province.PostAsync($"/Officials/Application/{id}", null, Decision("Recognise", "同意认定。", documentNo: DocumentNo));
        Assert.Contains($"该企业在“{roundName}”拟认定名单公示中，公示期至 2026-11-27，公示期满后方可认定。", Browser.Text(await Browser.ParseAsync(early)));
        Assert.Equal(ApplicationState.SiteChecked, App.Query(db => db.Applications.Single(a => a.Id == id).State));
        var changed = await province.PostAsync($"/Officials/Publicity/{round}", null, form(Today, Today.AddDays(10), id));
        Assert.Contains("公示已于 2026-11-21 开始，拟认定名单和公示期不能再修改。", Browser.Text(await Browser.ParseAsync(changed)));
        Assert.Equal(new DateOnly(2026, 11, 27), App.Query(db => db.Rounds.Single(r => r.Id == round).PublicityUntil));

        // On its last day still listed and still refused; the day after, off the list and recognised in the round's batch.
        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Contains(name, Browser.Text(await App.Browser().GetAsync("/public/publicity")));
        province = await ProvinceAsync();
        Assert.Contains("公示期满后方可认定", Browser.Text(await Browser.ParseAsync(
            await province.PostAsync($"/Officials/Application/{id}", null, Decision("Recognise", null, documentNo: DocumentNo)))));
        _clock.Advance(TimeSpan.FromDays(1));
        var after = await App.Browser().GetAsync("/public/publicity");
        Assert.Null(after.QuerySelector("[data-testid=publicity]"));
        Assert.DoesNotContain(name, Browser.Text(after));

        province = await ProvinceAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await province.PostAsync($"/Officials/Application/{id}", null, Decision("Recognise", "公示无异议，同意认定。", documentNo: DocumentNo))).StatusCode);
        var recognised = App.Query(db => db.Applications.Single(a => a.Id == id));
        Assert.Equal((ApplicationState.Recognised, (int?)2026, (DateOnly?)new DateOnly(2026, 11, 28)), (recognised.State, recognised.BatchYear, recognised.RecognisedOn));

        var list = (await App.Browser().GetAsync("/public/publicity")).QuerySelector("[data-testid=recognised]")!;
        Assert.Contains(roundName, list.QuerySelector("caption")!.TextContent);
        Assert.Equal([name, "苏州市", "江苏省先进级智能工厂", roundName, DocumentNo], list.QuerySelectorAll("tbody tr td").Select(td => td.TextContent));
    }

    [Fact]
    public async Task TheApiRecognisesOnlyWithADocumentNumberAndReturnsTheCertificateCode()
    {
        var (_, _, _, _, id) = await SiteCheckedAsync(1);
        var api = ApiBuilders.Official(App, Role.ProvinceOfficial, ApplicationWorkflow.Province);

        var refused = await api.PostAsync($"/api/v1/applications/{id}/transitions", JsonContent(new { action = "recognise", batchYear = 2026 }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("认定时必须填写认定文号", await refused.Content.ReadAsStringAsync());
        var done = await api.PostAsync($"/api/v1/applications/{id}/transitions", JsonContent(new { action = "recognise", batchYear = 2026, documentNo = DocumentNo, validUntil = "2028-12-31" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await done.Content.ReadAsStringAsync()).RootElement.GetProperty("recognition");
        Assert.Equal(DocumentNo, body.GetProperty("documentNo").GetString());
        Assert.Equal("2028-12-31", body.GetProperty("validUntil").GetString());
        Assert.Equal(App.Query(db => db.Applications.Single(a => a.Id == id).CertificateCode), body.GetProperty("certificateCode").GetString());
    }

    private static StringContent JsonContent(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>The certificate's page rendered by poppler in gray at 144 dpi; also kept under artifacts/reports to look at.</summary>
    private static Netpbm RenderedPage(byte[] pdf)
    {
        var folder = Path.Combine(ReportBuilders.RepositoryRoot(), "artifacts", "reports");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "certificate.pdf");
        File.WriteAllBytes(file, pdf);
        ReportBuilders.Pdftoppm(file, Path.Combine(folder, "certificate-page1"), "-r", "72", "-png");
        var gray = Path.Combine(Path.GetTempPath(), $"sf-certificate-{Guid.NewGuid():N}");
        try
        {
            ReportBuilders.Pdftoppm(file, gray, "-r", "144", "-gray");
            return Netpbm.Read(File.ReadAllBytes(gray + ".pgm"));
        }
        finally
        {
            File.Delete(gray + ".pgm");
        }
    }

    /// <summary>A PBM, PGM or PPM image (binary forms), as poppler writes them.</summary>
    private sealed record Netpbm(int Width, int Height, Func<int, int, bool> Dark)
    {
        public static Netpbm Read(byte[] bytes)
        {
            var position = 0;
            string Token()
            {
                while (char.IsWhiteSpace((char)bytes[position]))
                {
                    position++;
                }
                var begin = position;
                while (!char.IsWhiteSpace((char)bytes[position]))
                {
                    position++;
                }
                return Encoding.ASCII.GetString(bytes, begin, position - begin);
            }
            var magic = Token();
            var width = int.Parse(Token());
            var height = int.Parse(Token());
            var max = magic == "P4" ? 1 : int.Parse(Token());
            var data = position + 1;
            return magic switch
            {
                // PBM: 1 = black, rows padded to whole bytes.
                "P4" => new Netpbm(width, height, (x, y) => (bytes[data + (y * ((width + 7) / 8)) + (x / 8)] & (0x80 >> (x % 8))) != 0),
                "P5" => new Netpbm(width, height, (x, y) => bytes[data + (y * width) + x] < max / 2),
                "P6" => new Netpbm(width, height, (x, y) => bytes[data + (3 * ((y * width) + x))] < max / 2),
                _ => throw new InvalidOperationException($"not a binary Netpbm image: {magic}"),
            };
        }
    }
}

public sealed class SqliteRecognitionTests() : RecognitionTests("Sqlite");

public sealed class PostgresRecognitionTests() : RecognitionTests("Postgres");
