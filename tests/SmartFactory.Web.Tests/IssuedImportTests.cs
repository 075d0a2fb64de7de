using System.Text;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Issued;
using static SmartFactory.Web.Tests.IssuedBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>Issue 15 part 1 (decision 039): the province imports issued results from a file, every cell checked, all or nothing.</summary>
public sealed class IssuedImportTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly string Good = Builders.CreditCodeFor("320505", 1);
    private static readonly string Other = Builders.CreditCodeFor("320505", 2);

    private static string Tomorrow => Domain.BeijingTime.Today(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");

    private static string WrongCheck(string code) => code[..17] + (code[17] == '0' ? '1' : '0');

    /// <summary>Each file has good rows beside its one fault, so that a partial import would show.</summary>
    private static (string Name, byte[] File, string Sheet, string Row, string Column, string Message) Case(string fault) => fault switch
    {
        "check character" => ("r.xlsx", Workbook((Dt, [DtRow(Good), DtRow(WrongCheck(Other))])), Dt, "3", "统一社会信用代码", "校验位不正确"),
        "score out of range" => ("r.xlsx", Workbook((Dt, [DtRow(Good), DtRow(Other, score: 100.5)])), Dt, "3", "得分（0–100）", "应在 0–100 之间"),
        "level out of range" => ("r.xlsx", Workbook((Dt, [DtRow(Good)]), (Cmmm, [CmmmRow(Good, level: 6)])), Cmmm, "2", "等级（1–5）", "应为 1–5 的整数"),
        "AI level zero" => ("r.xlsx", Workbook((Ai, [AiRow(Good, level: 0), AiRow(Other)])), Ai, "2", "等级（1–5）", "应为 1–5 的整数"),
        "CMMM score out of range" => ("r.xlsx", Workbook((Cmmm, [CmmmRow(Good, score: 7)])), Cmmm, "2", "得分（0–5，选填）", "应在 0–5 之间"),
        "no such date" => ("r.xlsx", Workbook((Dt, [DtRow(Good), DtRow(Other, date: "2026-02-30")])), Dt, "3", "出具日期", "不是有效的日期"),
        "future date" => ("r.xlsx", Workbook((Dt, [DtRow(Good, date: Tomorrow)])), Dt, "2", "出具日期", "至今天"),
        "missing cell" => ("r.xlsx", Workbook((Dt, [DtRow(Good), DtRow(Other, issuer: null)])), Dt, "3", "出具平台", "请填写“出具平台”"),
        "duplicate" => ("r.xlsx", Workbook((Dt, [DtRow(Good), DtRow(Other), DtRow(Good, score: 90)])), Dt, "4", "统一社会信用代码", "出现了不止一次"),
        "wrong header" => ("r.xlsx", Workbook((Dt, [CmmmRow(Good)])), Dt, "1", "得分（0–100）", "缺少“得分（0–100）”列"),
        "wrong kind of sheet" => ("r.xlsx", Workbook((Dt, [DtRow(Good)]), ("评价", [DtRow(Other)])), "评价", "—", "", "不是可导入的结果类型"),
        "CSV header of no kind" => ("r.csv", Encoding.UTF8.GetBytes($"统一社会信用代码,分数\r\n{Good},80\r\n"), "CSV", "1", "", "表头与任何一类结果的模板都不一致"),
        "CSV bad row" => ("r.csv", Encoding.UTF8.GetBytes($"统一社会信用代码,得分（0–100）,出具日期,出具平台,编号\r\n{Good},80,2026-10-15,{Flagship},DT-1\r\n{Other},八十,2026-10-15,{Flagship},DT-2\r\n"),
            "CSV", "3", "得分（0–100）", "应为 0–100 之间的数字"),
        "CSV not UTF-8" => ("r.csv", [.. Encoding.UTF8.GetBytes($"{Good},80,"), 0xC4, 0xE3, 0xBA, 0xC3], "", "—", "", "不是 UTF-8 编码"),
        "not a workbook" => ("r.xlsx", Encoding.UTF8.GetBytes("这不是工作簿"), "", "—", "", "无法读取该文件"),
        "not xlsx or csv" => ("r.xls", Workbook((Dt, [DtRow(Good)])), "", "—", "", ".xlsx 工作簿或 UTF-8 编码的 .csv 文件"),
        _ => throw new ArgumentException(fault),
    };

    [Theory]
    [InlineData("check character")]
    [InlineData("score out of range")]
    [InlineData("level out of range")]
    [InlineData("AI level zero")]
    [InlineData("CMMM score out of range")]
    [InlineData("no such date")]
    [InlineData("future date")]
    [InlineData("missing cell")]
    [InlineData("duplicate")]
    [InlineData("wrong header")]
    [InlineData("wrong kind of sheet")]
    [InlineData("CSV header of no kind")]
    [InlineData("CSV bad row")]
    [InlineData("CSV not UTF-8")]
    [InlineData("not a workbook")]
    [InlineData("not xlsx or csv")]
    public async Task RefusesTheWholeFileForOneBadCellAndSaysWhere(string fault)
    {
        var (name, file, sheet, row, column, message) = Case(fault);
        var province = await ProvinceAsync(_app);
        await UploadAsync(province, "earlier.xlsx", Workbook((Dt, [DtRow(Good, score: 60)])));
        var before = _app.Query(db => db.IssuedResults.Count());

        var page = await UploadAsync(province, name, file);

        Assert.Null(page.QuerySelector("[data-testid=imported]"));
        var report = Report(page);
        // A sheet of the wrong kind lacks some columns and has others: each is named; every other fault is one cell.
        Assert.True(fault == "wrong header" ? report.Count > 1 : report.Count == 1, string.Join("\n", report));
        var problem = report[0];
        Assert.Equal((sheet, row, column), (problem.Sheet, problem.Row, problem.Column));
        Assert.Contains(message, problem.Message);
        Assert.Contains("未导入任何数据", page.QuerySelector("[role=alert] h2")!.TextContent);
        Assert.Equal(before, _app.Query(db => db.IssuedResults.Count()));
        Assert.Equal(60m, _app.Query(db => db.IssuedResults.Single(r => r.SupersededAt == null).Score));
    }

    [Fact]
    public async Task AGoodImportUpdatesTheOpenDraftAndTheEnterpriseSeesWhereItCameFrom()
    {
        var enterprise = _app.Browser();
        var code = await Builders.RegisterAsync(enterprise, 1);
        await enterprise.GetAsync("/Assessments"); // the draft is open
        var province = await ProvinceAsync(_app);

        var first = await UploadAsync(province, "第一批.xlsx", Workbook(
            (Dt, [DtRow(code, score: 72.5, date: new DateTime(2026, 10, 15))]), (Cmmm, [CmmmRow(code, score: 3.2), CmmmRow(Other)]), (Ai, [AiRow(code, level: 2)])));
        var notice = first.QuerySelector("[data-testid=imported]")!.TextContent;
        Assert.Contains("数字化转型评估得分 1 条，智能制造能力成熟度等级 2 条，人工智能场景应用等级 1 条", notice);
        Assert.Contains("新增 4 条，更新 0 条，与现有结果相同 0 条；1 家企业的自评估草稿已随之更新", notice);
        var draft = _app.Query(db => db.Assessments.Single());
        Assert.Equal((72.5m, new DateOnly(2026, 10, 15), 3, 3.2m), (draft.DtScore!.Value, draft.DtDate!.Value, draft.CmmmLevel!.Value, draft.CmmmScore!.Value));
        var page = await enterprise.GetAsync("/Assessments");
        Assert.Contains($"由{Flagship}出具（编号 DT-2026-0001", page.QuerySelector("[data-testid=issued-dt]")!.TextContent);
        Assert.Contains("3 级", page.QuerySelector("[data-testid=issued-cmmm]")!.TextContent);
        Assert.Contains("2 级", page.QuerySelector("[data-testid=issued-ai]")!.TextContent);

        // The platform corrects the DT score; the CMMM and AI results come again unchanged.
        var csv = $"统一社会信用代码,得分（0–100）,出具日期,出具平台,编号\r\n{code},78,2026-11-02,{Flagship},DT-2026-0002\r\n";
        var second = await UploadAsync(province, "更正.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Contains("新增 0 条，更新 1 条，与现有结果相同 0 条；1 家企业的自评估草稿已随之更新", second.QuerySelector("[data-testid=imported]")!.TextContent);
        var third = await UploadAsync(province, "重复.xlsx", Workbook((Cmmm, [CmmmRow(code, score: 3.2)])));
        Assert.Contains("新增 0 条，更新 0 条，与现有结果相同 1 条；0 家企业", third.QuerySelector("[data-testid=imported]")!.TextContent);

        page = await enterprise.GetAsync("/Assessments");
        Assert.Contains("已更新：此前为 72.5 分", page.QuerySelector("[data-testid=issued-dt]")!.TextContent);
        Assert.Equal(78m, _app.Query(db => db.Assessments.Single().DtScore));
        Assert.Equal(5, _app.Query(db => db.IssuedResults.Count()));
        var audit = _app.Query(db => db.AuditEvents.Where(e => e.Action == "issued.imported").OrderBy(e => e.Id).Select(e => e.Detail).ToList());
        Assert.Equal(3, audit.Count);
        Assert.Contains("更正.csv", audit[1]);
    }

    [Fact]
    public async Task TheTemplateIsAValidWorkbookWithASheetPerKindThatImportsOnceFilled()
    {
        var province = await ProvinceAsync(_app);
        var response = await province.Client.GetAsync("/Issued?handler=Template");
        response.EnsureSuccessStatusCode();
        var template = await response.Content.ReadAsByteArrayAsync();
        WorkbookTests.AssertValid(template);
        Assert.Equal([Dt, Cmmm, Ai, "说明"], MiniExcelLibs.MiniExcel.GetSheetNames(new MemoryStream(template)));

        var empty = await UploadAsync(province, "模板.xlsx", template);
        Assert.Contains("文件中没有任何结果", Assert.Single(Report(empty)).Message);
    }

    [Fact]
    public async Task AnAiResultThatReplacesAnEarlierOneTellsTheEarlierLevel()
    {
        var enterprise = _app.Browser();
        var code = await Builders.RegisterAsync(enterprise, 1);
        await enterprise.GetAsync("/Assessments");
        var province = await ProvinceAsync(_app);
        await UploadAsync(province, "ai.xlsx", Workbook((Ai, [AiRow(code, level: 2)])));

        var changes = _app.Query(db =>
        {
            var old = db.IssuedResults.Single(r => r.Kind == IssuedKind.Ai);
            old.SupersededAt = DateTime.UtcNow;
            db.SaveChanges();
            db.IssuedResults.Add(new IssuedResult { Kind = IssuedKind.Ai, CreditCode = code, Level = 4, IssuedOn = new DateOnly(2026, 11, 1), Issuer = "平台", Reference = "AI-2", ImportedAt = DateTime.UtcNow, ImportedBy = 1 });
            db.SaveChanges();
            return IssuedValues.ApplyToDraftsAsync(db, [code]).GetAwaiter().GetResult();
        });

        var change = Assert.Single(Assert.Single(changes).Value);
        Assert.Equal((IssuedKind.Ai, "2 级", "4 级"), (change.Kind, change.Before, change.After));
    }

    [Fact]
    public async Task OnlyTheProvinceOfficialOpensTheImport()
    {
        await Seed.AssertDeniedAsync(await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou), "/Issued");
        await Seed.AssertDeniedAsync((await Seed.AdministratorAsync(_app, Role.SystemAdmin)).Browser, "/Issued/Clients");
    }
}
