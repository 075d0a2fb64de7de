using System.Text.Json;
using SmartFactory.DataFiles;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Cli;

/// <summary>The command table: exit 0 on success, 2 on invalid input or usage, 1 on an unexpected failure.</summary>
public static class Commands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    private const string Usage = """
        用法：smartfactory <命令>
          grade FILE [--rules RULESET.json] [--json]
                                对 FILE 中的一条评估或评估数组进行评级（格式见 docs/assessment-format.md）；
                                --rules 按该规则集文件评级（先校验该文件；评估须属于其场景目录版本）
          catalog [--json]      列出当前版本的典型场景目录
        （创建省级管理员等数据库命令由网站程序执行：SmartFactory.Web create-admin …，见 README。）
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var json = args.Contains("--json");
            var positional = args.Where(a => a != "--json").ToList();
            var at = positional.IndexOf("--rules");
            var rules = at >= 0 && at + 1 < positional.Count ? positional[at + 1] : null;
            if (at >= 0 && rules is null)
            {
                return Refuse(error, Usage);
            }
            if (at >= 0)
            {
                positional.RemoveRange(at, 2);
            }
            return positional.ToArray() switch
            {
                ["grade", var file] => Grade(file, rules, json, output, error),
                ["catalog"] when rules is null => Catalog(json, output, error),
                _ => Refuse(error, Usage),
            };
        }
        catch (Exception e)
        {
            error.WriteLine($"意外错误：{e.Message}");
            return Failed;
        }
    }

    /// <summary>Grades under <paramref name="rulesFile"/> when given, else under each edition's newest rule set in force.</summary>
    private static int Grade(string file, string? rulesFile, bool json, TextWriter output, TextWriter error)
    {
        if (!File.Exists(file))
        {
            return Refuse(error, $"找不到文件：{file}");
        }
        if (rulesFile is not null && !File.Exists(rulesFile))
        {
            return Refuse(error, $"找不到规则集文件：{rulesFile}");
        }
        if (!TryLoadEditions(error, out var editions))
        {
            return Failed;
        }
        RuleSet? rules = null;
        if (rulesFile is not null)
        {
            var parsed = RuleSetLoader.Parse(File.ReadAllText(rulesFile), Path.GetFileName(rulesFile), editions.Catalog);
            if (!parsed.IsValid)
            {
                return Refuse(error, $"{rulesFile} 无效，未进行评级：", parsed.Problems);
            }
            rules = parsed.Value!;
        }
        var batch = AssessmentReader.Read(File.ReadAllText(file), editions);
        if (!batch.IsValid)
        {
            return Refuse(error, $"{file} 无效，未进行评级：", batch.Problems);
        }
        if (rules is not null && OfOtherEditions(batch, rules) is { Count: > 0 } others)
        {
            return Refuse(error, $"{rulesFile}（规则集 {rules.Id} 版本 {rules.Version}）只适用于场景目录 {rules.CatalogEdition}，未进行评级：", others);
        }
        var results = batch.Assessments
            .Select(a => Grader.Grade(a, editions.Catalog(a.Edition)!, rules ?? editions.RuleSetFor(a.Edition)!))
            .ToList();
        if (json)
        {
            var dtos = results.Select(r => r.ToDto()).ToList();
            output.WriteLine(batch.IsArray ? JsonSerializer.Serialize(dtos, Wire.Options) : JsonSerializer.Serialize(dtos[0], Wire.Options));
        }
        else
        {
            for (var i = 0; i < results.Count; i++)
            {
                var graded = results[i];
                GradeSummary.Write(output, graded, editions.Catalog(graded.Edition)!, rules ?? editions.RuleSet(graded.RuleSetId, graded.RuleSetVersion)!, batch.IsArray ? i + 1 : null);
            }
        }
        return Ok;
    }

    private static List<Problem> OfOtherEditions(AssessmentBatch batch, RuleSet rules) => batch.Assessments
        .Select((a, i) => (a.Edition, Place: batch.IsArray ? $"第 {i + 1} 条评估" : "评估"))
        .Where(x => x.Edition != rules.CatalogEdition)
        .Select(x => new Problem(x.Place, $"属于场景目录 {x.Edition}，不能按该规则集评级。"))
        .ToList();

    private static int Catalog(bool json, TextWriter output, TextWriter error)
    {
        if (!TryLoadEditions(error, out var editions))
        {
            return Failed;
        }
        var catalog = editions.Current;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(catalog.Scenarios.Select(s => s.ToDto()), Wire.Options));
            return Ok;
        }
        output.WriteLine($"{catalog.Title}（{catalog.Edition}，{catalog.Scenarios.Count} 个场景）");
        foreach (var stage in catalog.Stages)
        {
            output.WriteLine($"【{stage}】");
            foreach (var s in catalog.InStage(stage))
            {
                var defined = string.Join(" ", Tiers.All.Select(t => s.IsDefined(t) ? t.ChineseName() : "／"));
                output.WriteLine($"  {s.No,2}. {s.Name}　{defined}");
            }
        }
        return Ok;
    }

    private static bool TryLoadEditions(TextWriter error, out EditionLibrary editions)
    {
        var loaded = DataFolder.LoadEditions(DataFolder.Beside);
        editions = loaded.Value!;
        if (loaded.IsValid)
        {
            return true;
        }
        Refuse(error, "场景目录或规则集数据文件有误：", loaded.Problems);
        return false;
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Invalid;
    }

    private static int Refuse(TextWriter error, string heading, IEnumerable<Problem> problems)
    {
        error.WriteLine(heading);
        foreach (var problem in problems)
        {
            error.WriteLine($"  {problem}");
        }
        return Invalid;
    }
}
