using System.Text.Json;
using SmartFactory.DataFiles;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Cli;

/// <summary>The command table: exit 0 on success, 2 on invalid input or usage, 1 on an unexpected failure.</summary>
public static class Commands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    private const string Usage = """
        用法：smartfactory <命令>
          grade FILE [--json]   对 FILE 中的一条评估或评估数组进行评级（格式见 docs/assessment-format.md）
          catalog [--json]      列出当前版本的典型场景目录
        （创建省级管理员等数据库命令由网站程序执行：SmartFactory.Web create-admin …，见 README。）
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var json = args.Contains("--json");
            var positional = args.Where(a => a != "--json").ToArray();
            return positional switch
            {
                ["grade", var file] => Grade(file, json, output, error),
                ["catalog"] => Catalog(json, output, error),
                _ => Refuse(error, Usage),
            };
        }
        catch (Exception e)
        {
            error.WriteLine($"意外错误：{e.Message}");
            return Failed;
        }
    }

    private static int Grade(string file, bool json, TextWriter output, TextWriter error)
    {
        if (!File.Exists(file))
        {
            return Refuse(error, $"找不到文件：{file}");
        }
        if (!TryLoadEditions(error, out var editions))
        {
            return Failed;
        }
        var batch = AssessmentReader.Read(File.ReadAllText(file), editions);
        if (!batch.IsValid)
        {
            error.WriteLine($"{file} 无效，未进行评级：");
            foreach (var problem in batch.Problems)
            {
                error.WriteLine($"  {problem}");
            }
            return Invalid;
        }
        var results = batch.Assessments
            .Select(a => Grader.Grade(a, editions.Catalog(a.Edition)!, editions.RuleSetFor(a.Edition)!))
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
                GradeSummary.Write(output, results[i], editions.Catalog(results[i].Edition)!, batch.IsArray ? i + 1 : null);
            }
        }
        return Ok;
    }

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
        error.WriteLine("场景目录或规则集数据文件有误：");
        foreach (var problem in loaded.Problems)
        {
            error.WriteLine($"  {problem}");
        }
        return false;
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Invalid;
    }
}
