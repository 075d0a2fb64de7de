using System.Globalization;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using SmartFactory.Domain;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Admin;

/// <summary>
/// A rule set's numbers as a workbook, for officials who do not write JSON: a row per entry of <see cref="RuleSetEntries"/>
/// whose 新值 and 来源 they change, and a sheet for the new version's number and title. Reading checks every row and
/// returns every problem by sheet and row; no rule set comes back unless there are none.
/// </summary>
public static class RuleSetWorkbook
{
    public const string ValuesSheet = "规则数值";
    public const string VersionSheet = "版本";
    public const string GuideSheet = "说明";

    public const string PathColumn = "项目代码";
    public const string LabelColumn = "项目";
    public const string CurrentColumn = "现行值";
    public const string NewColumn = "新值";
    public const string ProvenanceColumn = "来源";
    public const string ValueColumn = "值";

    public const string RuleSetRow = "规则集";
    public const string EditionRow = "场景目录版本";
    public const string CurrentVersionRow = "现行版本";
    public const string NewVersionRow = "新版本号";
    public const string TitleRow = "标题";

    private const string TitlePath = "title";

    private sealed record Header(string Id, string Version, string Edition);

    public static byte[] Template(string ruleSetJson)
    {
        var header = HeaderOf(ruleSetJson);
        var entries = RuleSetEntries.Flatten(ruleSetJson);
        var values = entries.Where(e => e.Path != TitlePath).Select(IReadOnlyDictionary<string, object?> (e) => new Dictionary<string, object?>
        {
            [PathColumn] = e.Path,
            [LabelColumn] = e.Label,
            [CurrentColumn] = Cell(e.Value),
            [NewColumn] = Cell(e.Value),
            [ProvenanceColumn] = e.Provenance?.ChineseName(),
        }).ToList();
        var version = new[]
        {
            (RuleSetRow, header.Id), (EditionRow, header.Edition), (CurrentVersionRow, header.Version),
            (NewVersionRow, ""), (TitleRow, entries.FirstOrDefault(e => e.Path == TitlePath)?.Value ?? ""),
        }.Select(IReadOnlyDictionary<string, object?> (r) => new Dictionary<string, object?> { [LabelColumn] = r.Item1, [ValueColumn] = r.Item2 }).ToList();
        var guide = Table.Notes(GuideSheet, "说明",
        [
            $"本工作簿用于发布规则集 {header.Id} 的新版本。在“{ValuesSheet}”中只改“{NewColumn}”和“{ProvenanceColumn}”两列；“{PathColumn}”用于识别该项，请勿修改；“{LabelColumn}”和“{CurrentColumn}”仅供核对。删去的行按现行值处理。",
            "数值填写阿拉伯数字；比例填写 0–1 之间的小数（0.2 表示 20%）；是否类填写“是”或“否”；某等级不设该门槛的填写“不适用”（只有门槛可以不适用）。",
            $"环节和基本要求代码等列表用顿号“、”或逗号分隔，空列表填写“{RuleSetEntries.EmptyList}”。环节名称须与场景目录一致，如 生产作业、生产管理、运营管理。",
            $"来源填写 {string.Join("、", Enum.GetValues<Provenance>().Select(p => p.ChineseName()))}（或 {string.Join("、", Enum.GetValues<Provenance>().Select(p => p.Code()))}）；留空表示沿用现行来源。由“不适用”改为有值的门槛必须填写来源；申报省先进级的三项共用一个来源。",
            $"新增基本要求：在“基本要求 · 项目代码列表”的新值中加上新代码（小写英文字母开头，可含数字和连字符），并另加一行，项目代码填 basicRequirements.items.新代码，新值填该要求的内容。删除基本要求：从列表中去掉其代码即可。",
            $"在“{VersionSheet}”中填写“{NewVersionRow}”（必填，不能与现行版本相同，如 2026.2）并按需修改“{TitleRow}”。",
            "上传后系统逐项检查，任何一项有误则整个文件都不采用，并列出每个问题所在的工作表和行；通过检查后将显示与现行版本的差异，确认后才发布。",
        ]);
        return Spreadsheet.Write(Table.Of(ValuesSheet, values), Table.Of(VersionSheet, version), guide);
    }

    /// <summary>The rule-set id and version a filled-in template was downloaded from (its 版本 sheet); null when unreadable.</summary>
    public static (string Id, string Version)? MadeFrom(byte[] workbook)
    {
        try
        {
            var rows = Sheet(new MemoryStream(workbook), VersionSheet)
                .Select(cells => (Name: Cell(cells, LabelColumn), Value: Cell(cells, ValueColumn)))
                .Where(f => f.Name.Length > 0).DistinctBy(f => f.Name).ToDictionary(f => f.Name, f => f.Value);
            return rows.GetValueOrDefault(RuleSetRow) is { Length: > 0 } id && rows.GetValueOrDefault(CurrentVersionRow) is { Length: > 0 } version ? (id, version) : null;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or ArgumentException or System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>The new version's JSON from a filled-in template and the version it was made from; every problem by sheet and row.</summary>
    public static Checked<string> Read(Stream workbook, string baseJson)
    {
        using var copy = new MemoryStream();
        workbook.CopyTo(copy);
        List<IDictionary<string, object?>> values, version;
        try
        {
            values = Sheet(copy, ValuesSheet);
            version = Sheet(copy, VersionSheet);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or ArgumentException or System.Xml.XmlException)
        {
            return Checked<string>.Invalid([new Problem("", $"无法读取该文件：请上传由“下载规则数值模板”得到的 .xlsx 文件（含“{ValuesSheet}”和“{VersionSheet}”两个工作表）。")]);
        }
        var header = HeaderOf(baseJson);
        var problems = new List<Problem>();
        var edits = new Dictionary<string, (string Value, string? Provenance)>();
        var places = new Dictionary<string, string>();
        if (values.Count > 0 && new[] { PathColumn, NewColumn, ProvenanceColumn }.FirstOrDefault(c => !values[0].ContainsKey(c)) is { } missing)
        {
            return Checked<string>.Invalid([new Problem($"{ValuesSheet} 第 1 行", $"缺少“{missing}”列，请使用规则数值模板。")]);
        }
        for (var i = 0; i < values.Count; i++)
        {
            var cells = values[i];
            var path = Cell(cells, PathColumn);
            if (path.Length == 0)
            {
                if (cells.Values.Any(v => Text(v).Length > 0))
                {
                    problems.Add(new Problem($"{ValuesSheet} 第 {i + 2} 行", $"缺少{PathColumn}。"));
                }
                continue;
            }
            var place = $"{ValuesSheet} 第 {i + 2} 行（{RuleSetEntries.Label(path) ?? path}）";
            Edit(path, (Cell(cells, NewColumn), Cell(cells, ProvenanceColumn) is { Length: > 0 } p ? p : null), place);
        }
        var fields = version.Select((cells, i) => (Name: Cell(cells, LabelColumn), Value: Cell(cells, ValueColumn), Place: $"{VersionSheet} 第 {i + 2} 行"))
            .Where(f => f.Name.Length > 0).DistinctBy(f => f.Name).ToDictionary(f => f.Name);
        string? newVersion = null;
        if (!fields.TryGetValue(NewVersionRow, out var v))
        {
            problems.Add(new Problem(VersionSheet, $"缺少“{NewVersionRow}”一行，请使用规则数值模板。"));
        }
        else if (v.Value.Length == 0)
        {
            problems.Add(new Problem($"{v.Place}（{NewVersionRow}）", "请填写新版本号。"));
        }
        else if (v.Value == header.Version)
        {
            problems.Add(new Problem($"{v.Place}（{NewVersionRow}）", $"新版本号不能与现行版本 {header.Version} 相同。"));
        }
        else
        {
            newVersion = v.Value;
            places["版本号"] = $"{v.Place}（{NewVersionRow}）";
        }
        if (fields.TryGetValue(RuleSetRow, out var id) && id.Value.Length > 0 && id.Value != header.Id)
        {
            problems.Add(new Problem($"{id.Place}（{RuleSetRow}）", $"该文件是规则集“{id.Value}”的模板，不能用于规则集“{header.Id}”。"));
        }
        if (fields.TryGetValue(TitleRow, out var title))
        {
            Edit(TitlePath, (title.Value, null), $"{title.Place}（{TitleRow}）");
        }
        var applied = RuleSetEntries.Apply(baseJson, edits, newVersion);
        problems.AddRange(applied.Problems.Select(p => p with { Place = places.GetValueOrDefault(p.Place) ?? $"{ValuesSheet}（{p.Place}）" }));
        return problems.Count > 0 ? Checked<string>.Invalid(problems) : applied;

        void Edit(string path, (string, string?) edit, string place)
        {
            if (!edits.TryAdd(path, edit))
            {
                problems.Add(new Problem(place, "该项目在文件中出现了不止一次。"));
                return;
            }
            places[path] = place;
            places[RuleSetEntries.Label(path) ?? path] = place;
        }
    }

    private static List<IDictionary<string, object?>> Sheet(MemoryStream workbook, string name)
    {
        workbook.Position = 0;
        return workbook.Query(useHeaderRow: true, sheetName: name, excelType: ExcelType.XLSX, configuration: Shared.ImportCells.Reading).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>A number as a number cell (so that Excel neither flags it as text nor sums it wrong), anything else as text; read back alike by <see cref="Text"/>.</summary>
    private static object Cell(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : value;

    private static string Cell(IDictionary<string, object?> cells, string column) => cells.TryGetValue(column, out var v) ? Text(v) : "";

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";

    private static Header HeaderOf(string ruleSetJson)
    {
        var root = JsonNode.Parse(ruleSetJson)!.AsObject();
        string Field(string name) => root[name]?.GetValue<string>() ?? "";
        return new Header(Field("id"), Field("version"), Field("catalogEdition"));
    }
}
