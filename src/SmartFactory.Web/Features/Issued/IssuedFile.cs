using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Issued;

/// <summary>
/// The province's file of issued results (decision 039): a workbook with a sheet per kind (any of them may be left out or
/// empty), or a UTF-8 CSV of one kind, told by its header row. Reading checks every cell of every sheet and returns every
/// problem; the caller stores nothing unless there are none.
/// </summary>
public static class IssuedFile
{
    public const string NotesSheet = "说明";
    public const string CsvSheet = "CSV";

    private sealed record Sheet(string Name, IssuedKind Kind, List<IDictionary<string, object?>> Rows);

    /// <summary>The template: one empty sheet per kind, with its headers, and a sheet of notes.</summary>
    public static byte[] Template() => Spreadsheet.Write(IssuedRows.Kinds
        .Select(k => new Table(IssuedRows.SheetName(k), IssuedRows.Columns(k).Select(c => c.Header).ToList(), []))
        .Append(Table.Notes(NotesSheet, NotesSheet,
        [
            "每个工作表一类结果：数字化转型评估得分（旗舰店）、智能制造能力成熟度等级（国家 CMMM 平台）、人工智能场景应用等级；不导入的类别可留空或删除该表。",
            "每行一家企业，按统一社会信用代码（18 位，含校验位）识别；企业尚未注册也可导入，其开始自评估时自动采用。",
            "日期写作 2026-10-01，不能晚于今天；成熟度得分可不填，其余各列必填。同一企业同类结果只能有一行。",
            "也可上传 UTF-8 编码的 .csv 文件，一个文件一类结果，表头与对应工作表相同。",
            "系统逐格检查，任何一格有误则整个文件都不导入；导入后同一企业同类的原有结果被新结果取代。",
        ])));

    public static (List<IssuedRow> Rows, ProblemReport<CellProblem> Problems) Read(Stream file, bool csv, DateOnly today, UploadOptions limits)
    {
        var problems = new ProblemReport<CellProblem>(limits.MaxListedProblems);
        var sheets = csv ? CsvSheets(file, limits, problems) : WorkbookSheets(file, problems);
        var rows = new List<IssuedRow>();
        if (problems.Count > 0)
        {
            return (rows, problems);
        }
        var seen = new HashSet<(IssuedKind, string)>();
        foreach (var sheet in sheets)
        {
            for (var i = 0; i < sheet.Rows.Count; i++)
            {
                var cells = sheet.Rows[i];
                if (ImportCells.IsBlank(cells))
                {
                    continue;
                }
                var rowNo = i + 2;
                var columns = IssuedRows.Columns(sheet.Kind);
                object? Cell(IssuedField field) => cells.TryGetValue(columns.Single(c => c.Field == field).Header, out var v) ? v : null;
                void Fail(IssuedColumn column, string message) =>
                    problems.Add(new CellProblem(rowNo, column.Header, ImportCells.Shown(ImportCells.Text(Cell(column.Field))), message, sheet.Name));
                if (IssuedRows.Check(sheet.Kind, Cell, today, Fail) is not { } row)
                {
                    continue;
                }
                if (!seen.Add((row.Kind, row.CreditCode)))
                {
                    Fail(columns[0], IssuedRows.Duplicate);
                }
                rows.Add(row);
            }
        }
        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new CellProblem(0, "", "", "文件中没有任何结果：请在模板的工作表中每行填写一家企业。"));
        }
        return (rows, problems);
    }

    private static List<Sheet> WorkbookSheets(Stream file, ProblemReport<CellProblem> problems)
    {
        var sheets = new List<Sheet>();
        if (ImportCells.SheetNames(file) is not { } names)
        {
            problems.Add(new CellProblem(0, "", "", ImportCells.Unreadable));
            return sheets;
        }
        foreach (var name in names.Where(n => n != NotesSheet))
        {
            if (IssuedRows.Kinds.Where(k => IssuedRows.SheetName(k) == name).Select(k => (IssuedKind?)k).FirstOrDefault() is not { } kind)
            {
                problems.Add(new CellProblem(0, "", "", $"工作表“{name}”不是可导入的结果类型，应为：{string.Join("、", IssuedRows.Kinds.Select(IssuedRows.SheetName))}。", name));
                continue;
            }
            // A sheet left as the template gave it (headers, no rows) brings nothing; the rows' keys are the header row.
            if (ImportCells.Rows(file, name) is { Count: > 0 } rows && HeadersMatch(name, kind, [.. rows[0].Keys], problems))
            {
                sheets.Add(new Sheet(name, kind, rows));
            }
        }
        return sheets;
    }

    private static List<Sheet> CsvSheets(Stream file, UploadOptions limits, ProblemReport<CellProblem> problems)
    {
        var records = Csv.Read(((MemoryStream)file).ToArray());
        if (records is null)
        {
            problems.Add(new CellProblem(0, "", "", "该 CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”后重新上传。"));
            return [];
        }
        if (records.Count > limits.MaxRows + 1)
        {
            problems.Add(new CellProblem(0, "", "", $"文件有 {records.Count - 1} 行，上限为 {limits.MaxRows} 行。"));
            return [];
        }
        var headers = records.FirstOrDefault()?.Select(h => h.Trim()).ToList() ?? [];
        if (IssuedRows.Kinds.Where(k => IssuedRows.Columns(k).Select(c => c.Header).ToHashSet().SetEquals(headers)).Select(k => (IssuedKind?)k).FirstOrDefault() is not { } kind)
        {
            problems.Add(new CellProblem(1, "", ImportCells.Shown(string.Join(",", headers)),
                "表头与任何一类结果的模板都不一致，应为：" + string.Join("；", IssuedRows.Kinds.Select(k => $"{IssuedRows.SheetName(k)}：{string.Join(",", IssuedRows.Columns(k).Select(c => c.Header))}")) + "。", CsvSheet));
            return [];
        }
        var rows = new List<IDictionary<string, object?>>();
        foreach (var (record, i) in records.Skip(1).Select((r, i) => (r, i)))
        {
            if (record.Count > headers.Count)
            {
                problems.Add(new CellProblem(i + 2, "", ImportCells.Shown(string.Join(",", record.Skip(headers.Count))), $"本行有 {record.Count} 个字段，比表头多 {record.Count - headers.Count} 个。", CsvSheet));
            }
            rows.Add(headers.Select((h, c) => (h, v: (object?)record.ElementAtOrDefault(c))).ToDictionary(x => x.h, x => x.v));
        }
        return [new Sheet(CsvSheet, kind, rows)];
    }

    /// <summary>True when the sheet's header row has every column of its kind and no other.</summary>
    private static bool HeadersMatch(string sheet, IssuedKind kind, List<string> headers, ProblemReport<CellProblem> problems)
    {
        var expected = IssuedRows.Columns(kind).Select(c => c.Header).ToList();
        var before = problems.Count;
        foreach (var missing in expected.Except(headers))
        {
            problems.Add(new CellProblem(1, missing, "", $"缺少“{missing}”列，请使用导入模板的表头。", sheet));
        }
        foreach (var extra in headers.Except(expected))
        {
            problems.Add(new CellProblem(1, extra, "", $"“{extra}”不是{IssuedValues.Name(kind)}的列，应为：{string.Join("、", expected)}。", sheet));
        }
        return problems.Count == before;
    }
}
