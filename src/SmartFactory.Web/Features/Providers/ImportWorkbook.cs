using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Providers;

/// <summary>One enterprise's answers read from a row of the import workbook.</summary>
public sealed record ImportedRow(int Row, string CreditCode, decimal? DtScore, DateOnly? DtDate, int? CmmmLevel, bool? BasicMet, IReadOnlyDictionary<int, (Tier? Level, bool Ai)> Ratings);

/// <summary>
/// The service providers' import workbook: one row per enterprise, fixed columns then one column per scenario
/// whose cell is a tier (中文或英文), 未建设, or a tier followed by "+AI". Reading checks every cell and returns
/// every problem; nothing is applied unless there are none.
/// </summary>
public static class ImportWorkbook
{
    public const string Code = "统一社会信用代码";
    public const string Name = "企业名称（仅供核对）";
    public const string Dt = "数字化转型评估得分";
    public const string DtDate = "评估日期";
    public const string Cmmm = "成熟度等级（0–5）";
    public const string Basic = "基本要求全部满足（是/否）";

    public static string ScenarioColumn(Scenario s) => $"{s.No} {s.Name}";

    public static byte[] Template(Catalog catalog, BasicRequirementList basics, IEnumerable<(Enterprise Enterprise, AssessmentRecord? Draft)> enterprises)
    {
        var rows = enterprises.Select(IReadOnlyDictionary<string, object?> (x) =>
        {
            var row = new Dictionary<string, object?>
            {
                [Code] = x.Enterprise.CreditCode,
                [Name] = x.Enterprise.Name,
                [Dt] = x.Draft?.DtScore,
                [DtDate] = x.Draft?.DtDate,
                [Cmmm] = x.Draft?.CmmmLevel,
                [Basic] = x.Draft is null ? null : basics.AllMet(x.Draft.AttestedKeys) ? "是" : "否",
            };
            foreach (var s in catalog.Scenarios)
            {
                var r = x.Draft?.Ratings.FirstOrDefault(r => r.ScenarioNo == s.No);
                row[ScenarioColumn(s)] = r is null ? null : Tiers.RatingName(r.Level) + (r.Ai ? "+AI" : "");
            }
            return row;
        }).ToList();
        var guide = Table.Notes("说明", "说明",
        [
            "每行一家企业，按统一社会信用代码识别；只能填写已授权本服务商的企业。",
            "场景列填写等级：智能车间、基础级、先进级、卓越级、领航级（或 workshop…leading），未建设填“未建设”；应用人工智能的在等级后加“+AI”，如“先进级+AI”。留空表示不修改。",
            "参考表中为“/”的等级不能选择；导入前系统逐格检查，任何一格有误则整个文件都不导入。",
        ]);
        return Spreadsheet.Write(Table.Of("评价", rows), guide);
    }

    public const string NotGranted = "该企业不存在，或未授权本服务商代为填报。";

    /// <summary>
    /// Reads and checks every row, in order, of a workbook already within the upload limits (<see cref="WorkbookScan"/>);
    /// <paramref name="today"/> is the Beijing date, for the date rules; <paramref name="granted"/> tells the credit codes
    /// the provider may fill in. The report lists the first problems and counts the rest.
    /// </summary>
    public static (List<ImportedRow> Rows, ProblemReport<CellProblem> Problems) Read(Stream workbook, Catalog catalog, DateOnly today, Func<string, bool> granted, int listedProblems)
    {
        var problems = new ProblemReport<CellProblem>(listedProblems);
        var rows = new List<ImportedRow>();
        if (ImportCells.Rows(workbook, "评价") is not { } sheet)
        {
            problems.Add(new CellProblem(0, "", "", "无法读取该文件：请上传由“下载导入模板”得到的 .xlsx 文件（工作表名为“评价”）。"));
            return (rows, problems);
        }
        if (sheet.Count > 0 && !sheet[0].ContainsKey(Code))
        {
            problems.Add(new CellProblem(1, Code, "", $"缺少“{Code}”列，请使用导入模板。"));
            return (rows, problems);
        }
        var seen = new HashSet<string>();
        for (var i = 0; i < sheet.Count; i++)
        {
            var cells = sheet[i];
            var rowNo = i + 2;
            string Text(string column) => ImportCells.Text(cells, column);
            void Fail(string column, string message) => problems.Add(new CellProblem(rowNo, column, ImportCells.Shown(Text(column)), message));

            var code = Text(Code).ToUpperInvariant();
            if (code.Length == 0 && ImportCells.IsBlank(cells))
            {
                continue;
            }
            if (!seen.Add(code))
            {
                Fail(Code, "该企业在文件中出现了不止一次。");
            }
            decimal? dt = null;
            if (Text(Dt) is { Length: > 0 } dtText)
            {
                if (!ImportCells.TryNumber(dtText, out var d))
                {
                    Fail(Dt, "应为 0–100 之间的数字。");
                }
                else if (AssessmentRules.DtScore(d) is { } problem)
                {
                    Fail(Dt, problem);
                }
                else
                {
                    dt = d;
                }
            }
            DateOnly? date = null;
            if (Text(DtDate).Length > 0)
            {
                if (ImportCells.TryDate(cells[DtDate], out var parsed))
                {
                    date = parsed;
                }
                else
                {
                    Fail(DtDate, "日期格式应为 2026-10-01。");
                }
                if (AssessmentRules.DtDate(date, today) is { } problem)
                {
                    Fail(DtDate, problem);
                    date = null;
                }
            }
            int? cmmm = null;
            if (Text(Cmmm) is { Length: > 0 } cmmmText)
            {
                if (!int.TryParse(cmmmText, out var c))
                {
                    Fail(Cmmm, "应为 0–5 的整数（0 表示未评估）。");
                }
                else if (AssessmentRules.CmmmLevel(c) is { } problem)
                {
                    Fail(Cmmm, problem);
                }
                else
                {
                    cmmm = c;
                }
            }
            bool? basic = Text(Basic) switch
            {
                "" => null,
                "是" or "yes" or "true" => true,
                "否" or "no" or "false" => false,
                _ => Invalid(() => Fail(Basic, "应填写“是”或“否”。")),
            };
            var ratings = new Dictionary<int, (Tier?, bool)>();
            foreach (var s in catalog.Scenarios)
            {
                var column = ScenarioColumn(s);
                if (Text(column) is not { Length: > 0 } value)
                {
                    continue;
                }
                var ai = value.EndsWith("+AI", StringComparison.OrdinalIgnoreCase);
                var levelText = ai ? value[..^3].Trim() : value;
                if (!Tiers.TryParseRating(levelText, out var tier))
                {
                    Fail(column, $"无法识别的等级，可用：{Tiers.AcceptedNames}，应用人工智能的加“+AI”。");
                }
                else if (AssessmentRules.Rating(s, tier, ai) is { } problem)
                {
                    Fail(column, problem);
                }
                else
                {
                    ratings[s.No] = (tier, ai);
                }
            }
            if (!granted(code))
            {
                problems.Add(new CellProblem(rowNo, Code, ImportCells.Shown(code), NotGranted));
            }
            rows.Add(new ImportedRow(rowNo, code, dt, date, cmmm, basic, ratings));
        }
        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new CellProblem(0, "", "", "文件中没有任何企业数据。"));
        }
        return (rows, problems);
    }

    private static bool? Invalid(Action fail)
    {
        fail();
        return null;
    }
}
