using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Providers;
using static SmartFactory.Web.Tests.ImportBuilders;
using static SmartFactory.Web.Tests.ReportBuilders;
using static SmartFactory.Web.Tests.Seed;

namespace SmartFactory.Web.Tests;

/// <summary>A provider's Excel round trip: the pre-filled template, a filled workbook imported into every granted draft, and a bad one refused whole.</summary>
public sealed class ImportTests : IDisposable
{
    private const string ProviderLogin = "importer@example.com";
    private const string Code = ImportWorkbook.Code;
    private const string Dt = ImportWorkbook.Dt;
    private const string DtDate = ImportWorkbook.DtDate;
    private const string Basic = ImportWorkbook.Basic;
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private sealed record Setup(Browser Provider, int ProviderId, Browser A, string CodeA, Browser B, string CodeB);

    /// <summary>A provider granted by enterprises 1 and 2; enterprise 1 already rated scenario 8 with a text, enterprise 3 granted nothing.</summary>
    private async Task<Setup> TwoGrantsAsync()
    {
        var provider = _app.Browser();
        var providerId = await ProviderAsync(_app, provider, ProviderLogin);
        var a = _app.Browser();
        var codeA = await Builders.RegisterAsync(a, 1);
        await GrantAsync(a, ProviderLogin);
        (await Builders.RateAsync(a, Builders.Catalog(_app), 8, "basic", evidence: "企业自填：已上线APS。")).EnsureSuccessStatusCode();
        var b = _app.Browser();
        var codeB = await Builders.RegisterAsync(b, 2);
        await GrantAsync(b, ProviderLogin);
        await Builders.RegisterAsync(_app.Browser(), 3);
        return new Setup(provider, providerId, a, codeA, b, codeB);
    }

    private static string Column(int no, SmartFactory.Domain.Catalogs.Catalog catalog) => $"{no} {catalog.Find(no)!.Name}";

    /// <summary>
    /// Every assessment and rating as stored, to compare before and after an import that must not happen; without
    /// <paramref name="stamps"/> only the answers, which an import of unchanged values leaves as they were.
    /// </summary>
    private string Snapshot(bool stamps = true) => _app.Query(db => JsonSerializer.Serialize(db.Assessments.AsNoTracking().Include(a => a.Ratings).OrderBy(a => a.Id).ToList()
        .Select(a => new
        {
            a.Id, a.EnterpriseId, a.Status, a.DtScore, a.DtDate, a.CmmmLevel, a.BasicRequirements,
            Stamp = stamps ? $"{a.UpdatedAt:O} {a.UpdatedBy}" : null,
            Ratings = a.Ratings.OrderBy(r => r.ScenarioNo).Select(r => new { r.ScenarioNo, r.Level, r.Ai, r.Evidence, Stamp = stamps ? $"{r.UpdatedAt:O} {r.UpdatedBy}" : null }),
        })));

    [Fact]
    public async Task TheTemplateListsTheGrantedEnterprisesAndAFilledWorkbookUpdatesBothDrafts()
    {
        var (provider, providerId, a, codeA, _, codeB) = await TwoGrantsAsync();
        var catalog = Builders.Catalog(_app);

        var response = await provider.Client.GetAsync("/Providers/Import?handler=Template");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var template = Rows(await response.Content.ReadAsByteArrayAsync(), "评价");
        Assert.Equal(2, template.Count);
        Assert.Equal(new[] { codeA, codeB }.Order(), template.Select(r => (string)r[Code]!).Order());
        var headers = template[0].Keys.ToList();
        var scenarioColumns = headers.Skip(6).ToList();
        Assert.Equal(40, scenarioColumns.Count);
        Assert.Equal(catalog.Scenarios.Select(s => $"{s.No} {s.Name}"), scenarioColumns);
        Assert.Equal(["统一社会信用代码", "企业名称（仅供核对）", "数字化转型评估得分", "评估日期", "成熟度等级（0–5）", "基本要求全部满足（是/否）"], headers.Take(6));
        var rowA = template.Single(r => (string)r[Code]! == codeA);
        Assert.Equal("基础级", rowA[Column(8, catalog)]);
        Assert.StartsWith("测试企业", (string)rowA[ImportWorkbook.Name]!);

        var filled = Workbook(headers,
            new() { [Code] = codeA, [Dt] = 88, [DtDate] = "2026-09-30", [ImportWorkbook.Cmmm] = 3, [Basic] = "是", [Column(8, catalog)] = "先进级+AI", [Column(9, catalog)] = "卓越级", [Column(1, catalog)] = "advanced" },
            new() { [Code] = codeB.ToLowerInvariant(), [Dt] = 72.5, [ImportWorkbook.Cmmm] = 2, [Basic] = "否", [Column(8, catalog)] = "智能车间", [Column(19, catalog)] = "未建设", [Column(10, catalog)] = "领航级+ai" });
        var page = await UploadAsync(provider, "评价.xlsx", filled);

        Assert.Null(page.QuerySelector("[data-testid=import-report]"));
        Assert.Equal("已导入 2 家企业的草稿。", page.QuerySelector("[data-testid=imported]")?.TextContent.Trim());
        var drafts = _app.Query(db => db.Assessments.AsNoTracking().Include(x => x.Ratings).Include(x => x.Enterprise).Where(x => x.Status == AssessmentStatus.Draft).ToList());
        Assert.Equal(2, drafts.Count);
        var draftA = drafts.Single(d => d.Enterprise!.CreditCode == codeA);
        Assert.Equal((88m, new DateOnly(2026, 9, 30), 3, providerId), (draftA.DtScore, draftA.DtDate, draftA.CmmmLevel, draftA.UpdatedBy));
        Assert.True(Seed.BasicRequirements.AllMet(draftA.AttestedKeys));
        Assert.Equal([(1, 3, false), (8, 3, true), (9, 4, false)], draftA.Ratings.OrderBy(r => r.ScenarioNo).Select(r => (r.ScenarioNo, r.Level, r.Ai)));
        Assert.All(draftA.Ratings, r => Assert.Equal(providerId, r.UpdatedBy));
        Assert.Equal("企业自填：已上线APS。", draftA.Ratings.Single(r => r.ScenarioNo == 8).Evidence);
        var draftB = drafts.Single(d => d.Enterprise!.CreditCode == codeB);
        Assert.Equal((72.5m, (DateOnly?)null, 2, providerId), (draftB.DtScore, draftB.DtDate, draftB.CmmmLevel, draftB.UpdatedBy));
        Assert.False(Seed.BasicRequirements.AllMet(draftB.AttestedKeys));
        Assert.Equal([(8, 1, false), (10, 5, true), (19, 0, false)], draftB.Ratings.OrderBy(r => r.ScenarioNo).Select(r => (r.ScenarioNo, r.Level, r.Ai)));
        Assert.All(draftB.Ratings, r => Assert.Equal(providerId, r.UpdatedBy));

        var stage = await a.GetAsync("/Assessments/Stage/4");
        Assert.NotNull(stage.QuerySelector("#s8-advanced[checked]"));
        Assert.NotNull(stage.QuerySelector("#s9-excellent[checked]"));
        var template2 = await DownloadAsync(provider, "/Providers/Import?handler=Template", XlsxType);
        var again = Rows(template2, "评价").Single(r => (string)r[Code]! == codeA);
        Assert.Equal("先进级+AI", again[Column(8, catalog)]);
        Assert.Equal("卓越级", again[Column(9, catalog)]);
        Assert.Equal("是", again[Basic]);
        Assert.Equal(new DateTime(2026, 9, 30), again[DtDate]); // a date cell, read back as a date

        // The pre-filled template uploaded as it is imports cleanly and changes no answer.
        var answers = Snapshot(stamps: false);
        var unchanged = await UploadAsync(provider, "自评估批量导入模板.xlsx", template2);
        Assert.Null(unchanged.QuerySelector("[data-testid=import-report]"));
        Assert.Equal("已导入 2 家企业的草稿。", unchanged.QuerySelector("[data-testid=imported]")?.TextContent.Trim());
        Assert.Equal(answers, Snapshot(stamps: false));
    }

    [Fact]
    public async Task AScoreThePlatformIssuedIsKeptAndThePageSaysSo()
    {
        var (provider, _, _, codeA, _, _) = await TwoGrantsAsync();
        _app.Query(db =>
        {
            db.IssuedResults.Add(new IssuedResult { Kind = IssuedKind.Dt, CreditCode = codeA, Score = 61, IssuedOn = new DateOnly(2026, 10, 1), Issuer = "江苏省数字化转型服务旗舰店", ImportedAt = DateTime.UtcNow, ImportedBy = 1 });
            db.SaveChanges();
            SmartFactory.Web.Features.Issued.IssuedValues.ApplyToDraftsAsync(db, [codeA]).GetAwaiter().GetResult();
            return db.SaveChanges();
        });
        var headers = Rows(await DownloadAsync(provider, "/Providers/Import?handler=Template", XlsxType), "评价")[0].Keys.ToList();

        var page = await UploadAsync(provider, "评价.xlsx", Workbook(headers, new Dictionary<string, object?> { [Code] = codeA, [Dt] = 88, [ImportWorkbook.Cmmm] = 3 }));

        Assert.Equal("已导入 1 家企业的草稿。其中 1 项数字化转型得分或成熟度等级已由平台出具，保留平台出具值，未采用表中所填。", page.QuerySelector("[data-testid=imported]")?.TextContent.Trim());
        var draft = _app.Query(db => db.Assessments.Include(x => x.Enterprise).Single(x => x.Enterprise!.CreditCode == codeA));
        Assert.Equal((61m, 3), (draft.DtScore!.Value, draft.CmmmLevel!.Value));
    }

    [Fact]
    public async Task AWorkbookWithBadCellsIsReportedCellByCellAndNothingIsImported()
    {
        var (provider, _, _, codeA, b, codeB) = await TwoGrantsAsync();
        var catalog = Builders.Catalog(_app);
        (await Builders.RateAsync(b, catalog, 9, "advanced", evidence: "B 企业自填。")).EnsureSuccessStatusCode();
        var codeC = Builders.CreditCodeFor("320505", 3);
        var headers = Rows(await DownloadAsync(provider, "/Providers/Import?handler=Template", XlsxType), "评价")[0].Keys.ToList();
        var before = Snapshot();

        var page = await UploadAsync(provider, "评价.xlsx", Workbook(headers,
            new() { [Code] = codeA, [Dt] = 90, [Column(8, catalog)] = "先进级" },
            new() { [Code] = codeB, [Dt] = 120, [Column(1, catalog)] = "基础级", [Column(2, catalog)] = "高级", [Column(3, catalog)] = "未建设+AI", [Column(9, catalog)] = "卓越级" },
            new() { [Code] = codeC, [Dt] = 80, [Column(8, catalog)] = "基础级" },
            new() { [Code] = codeA, [Dt] = 50 }));

        Assert.Null(page.QuerySelector("[data-testid=imported]"));
        Assert.Contains("检查未通过，未导入任何数据（共 6 处问题）", Browser.Text(page));
        var report = Report(page);
        Assert.Equal(
            [("3", Dt, "120"), ("3", Column(1, catalog), "基础级"), ("3", Column(2, catalog), "高级"), ("3", Column(3, catalog), "未建设+AI"), ("4", Code, codeC), ("5", Code, codeA)],
            report.Select(r => (r.Row, r.Column, r.Value)));
        Assert.Equal("数字化转型评估得分应在 0–100 之间，实际为 120。", report[0].Message);
        Assert.Equal($"场景“{catalog.Find(1)!.Name}”在基础级没有定义（参考表中为“/”），可选等级：先进级、卓越级、领航级。", report[1].Message);
        Assert.StartsWith("无法识别的等级", report[2].Message);
        Assert.Equal($"场景“{catalog.Find(3)!.Name}”未建设，不能标记为应用人工智能。", report[3].Message);
        Assert.Equal("该企业不存在，或未授权本服务商代为填报。", report[4].Message);
        Assert.Equal("该企业在文件中出现了不止一次。", report[5].Message);
        Assert.Equal(before, Snapshot());
        Assert.Equal(2, _app.Query(db => db.Ratings.Count()));
        Assert.Null(_app.Query(db => db.Assessments.Single(x => x.Enterprise!.CreditCode == codeA).DtScore));
        Assert.Equal(0, _app.Query(db => db.Assessments.Count(x => x.Enterprise!.CreditCode == codeC)));
    }

    [Fact]
    public async Task AFileThatIsNotTheWorkbookIsRefusedInChinese()
    {
        var (provider, _, _, codeA, _, _) = await TwoGrantsAsync();
        var before = Snapshot();

        var csv = await UploadAsync(provider, "评价.csv", Encoding.UTF8.GetBytes($"{Code},{Dt}\n{codeA},90\n"));
        var garbage = await UploadAsync(provider, "评价.xlsx", Encoding.UTF8.GetBytes("这不是 Excel 文件"));
        using var otherSheet = new MemoryStream();
        MiniExcel.SaveAs(otherSheet, new[] { new Dictionary<string, object?> { [Code] = codeA, [Dt] = 90 } }, sheetName: "Sheet1");
        var wrongSheet = await UploadAsync(provider, "评价.xlsx", otherSheet.ToArray());
        var empty = await UploadAsync(provider, "评价.xlsx", Workbook([Code, Dt], new Dictionary<string, object?>()));

        Assert.Equal("请选择不超过 10 MB 的 .xlsx 文件。", Assert.Single(Report(csv)).Message);
        Assert.StartsWith("无法读取该文件", Assert.Single(Report(garbage)).Message);
        Assert.StartsWith("无法读取该文件", Assert.Single(Report(wrongSheet)).Message);
        Assert.Equal("文件中没有任何企业数据。", Assert.Single(Report(empty)).Message);
        Assert.All(new[] { csv, garbage, wrongSheet, empty }, p => Assert.Null(p.QuerySelector("[data-testid=imported]")));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task OnlyProvidersCanOpenTheImport()
    {
        var enterprise = _app.Browser();
        await Builders.RegisterAsync(enterprise, 1);
        var official = await OfficialAsync(_app, Role.CountyOfficial, "320505", "虎丘区工信局");

        foreach (var browser in new[] { enterprise, official })
        {
            foreach (var url in new[] { "/Providers/Import", "/Providers/Import?handler=Template" })
            {
                var response = await browser.Client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.DoesNotContain("/Account/Login", response.Headers.Location!.OriginalString);
                    response = await browser.Client.GetAsync(response.Headers.Location);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                }
                Assert.NotEqual(XlsxType, response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("您没有权限访问该页面", Browser.Text(await Browser.ParseAsync(response)));
            }
        }
        var anonymous = await _app.Browser().Client.GetAsync("/Providers/Import?handler=Template");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);
    }
}
