using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Shared;

namespace SmartFactory.Web.Features.Issued;

/// <summary>One issued result as a file or the platform's push gives it, checked.</summary>
public sealed record IssuedRow(IssuedKind Kind, string CreditCode, decimal? Score, int? Level, DateOnly IssuedOn, string Issuer, string Reference);

public enum IssuedField { CreditCode, Score, Level, Date, Issuer, Reference }

/// <summary>A column of a kind's sheet: its header in the file, its property in the API, whether it must be filled.</summary>
public sealed record IssuedColumn(IssuedField Field, string Header, string Property, bool Required);

/// <summary>
/// The one check of an issued result (decision 039), whatever brought it: the province's workbook or CSV, or the
/// platform client's push. Each caller hands the cells and maps a problem to its medium (a cell of the report, a field of
/// the ProblemDetails).
/// </summary>
public static class IssuedRows
{
    public const string CodeHeader = "统一社会信用代码";
    public const string Duplicate = "同一企业的同类结果出现了不止一次：每家企业每类只能有一行。";
    private const int MaxLevel = 5;

    private static readonly IssuedColumn Code = new(IssuedField.CreditCode, CodeHeader, "creditCode", true);
    private static readonly IssuedColumn Date = new(IssuedField.Date, "出具日期", "date", true);
    private static readonly IssuedColumn Reference = new(IssuedField.Reference, "编号", "reference", true);

    public static IReadOnlyList<IssuedColumn> Columns(IssuedKind kind) => kind switch
    {
        IssuedKind.Dt => [Code, new(IssuedField.Score, "得分（0–100）", "score", true), Date, new(IssuedField.Issuer, "出具平台", "issuer", true), Reference],
        IssuedKind.Cmmm => [Code, new(IssuedField.Level, "等级（1–5）", "level", true), new(IssuedField.Score, "得分（0–5，选填）", "score", false), Date,
            new(IssuedField.Issuer, "评估机构", "issuer", true), Reference],
        _ => [Code, new(IssuedField.Level, "等级（1–5）", "level", true), Date, new(IssuedField.Issuer, "出具机构", "issuer", true), Reference],
    };

    public static readonly IssuedKind[] Kinds = [IssuedKind.Dt, IssuedKind.Cmmm, IssuedKind.Ai];

    /// <summary>The sheet of a kind in the workbook, and its name in a CSV's file name and the API's "kind".</summary>
    public static string SheetName(IssuedKind kind) => kind switch
    {
        IssuedKind.Dt => "数字化转型评估",
        IssuedKind.Cmmm => "成熟度评估",
        _ => "人工智能场景",
    };

    public static string Key(IssuedKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// Checks one row: every required cell filled, the credit code's check character (GB 32100), the ranges, a real date
    /// not after <paramref name="today"/> (Beijing), the lengths the table holds. Calls <paramref name="fail"/> for each
    /// problem; the row only when there was none.
    /// </summary>
    public static IssuedRow? Check(IssuedKind kind, Func<IssuedField, object?> cell, DateOnly today, Action<IssuedColumn, string> fail)
    {
        var failed = false;
        void Fail(IssuedColumn column, string message)
        {
            failed = true;
            fail(column, message);
        }
        string? code = null, issuer = null, reference = null;
        decimal? score = null;
        int? level = null;
        var date = default(DateOnly);
        foreach (var column in Columns(kind))
        {
            var value = cell(column.Field);
            var text = ImportCells.Text(value);
            if (text.Length == 0)
            {
                if (column.Required)
                {
                    Fail(column, $"请填写“{column.Header}”。");
                }
                continue;
            }
            switch (column.Field)
            {
                case IssuedField.CreditCode:
                    code = CreditCode.Normalize(text);
                    if (CreditCode.Problem(code) is { } codeProblem)
                    {
                        Fail(column, codeProblem);
                    }
                    break;
                case IssuedField.Score:
                    if (!ImportCells.TryNumber(text, out var s))
                    {
                        Fail(column, kind == IssuedKind.Dt ? "应为 0–100 之间的数字。" : "应为 0–5 之间的数字。");
                    }
                    else if ((kind == IssuedKind.Dt ? AssessmentRules.DtScore(s) : AssessmentRules.CmmmScore(s)) is { } scoreProblem)
                    {
                        Fail(column, scoreProblem);
                    }
                    score = s;
                    break;
                case IssuedField.Level:
                    if (!int.TryParse(text, out var l) || l is < 1 or > MaxLevel)
                    {
                        Fail(column, $"{IssuedValues.Name(kind)}应为 1–{MaxLevel} 的整数，实际为 {text}。");
                    }
                    level = l;
                    break;
                case IssuedField.Date:
                    if (!ImportCells.TryDate(value, out date))
                    {
                        Fail(column, "不是有效的日期，应写作 2026-10-01。");
                    }
                    else if (AssessmentRules.IssuedDate(date, today) is { } dateProblem)
                    {
                        Fail(column, dateProblem);
                    }
                    break;
                case IssuedField.Issuer:
                    issuer = Bounded(column, text, 100, Fail);
                    break;
                case IssuedField.Reference:
                    reference = Bounded(column, text, 64, Fail);
                    break;
            }
        }
        return failed ? null : new IssuedRow(kind, code!, score, level, date, issuer!, reference!);
    }

    private static string Bounded(IssuedColumn column, string text, int max, Action<IssuedColumn, string> fail)
    {
        if (text.Length > max)
        {
            fail(column, $"“{column.Header}”最多 {max} 个字，实际为 {text.Length} 个。");
        }
        return text;
    }
}
