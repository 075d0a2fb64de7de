using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Invalid assessments are refused with a Chinese message naming the place; nothing is graded.</summary>
public class AssessmentRefusalTests
{
    private const string Valid = """{"dtScore":72,"cmmmLevel":2,"basicRequirementsMet":true,"scenarios":[{"no":8,"level":"basic"}]}""";

    public static TheoryData<string, string, string> Refusals => new()
    {
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":41,"level":"basic"}]}""", "$.scenarios[0]（场景 41）", "场景目录 JS-2026 中没有编号为 41 的场景（应为 1–40）" },
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":8,"level":"basic"},{"no":8,"level":"advanced"}]}""", "$.scenarios[1]（场景 8）", "场景 8“生产计划优化”重复出现" },
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":1,"level":"basic"}]}""", "$.scenarios[0]（场景 1）.level", "在基础级没有定义（参考表中为“/”），可选等级：先进级、卓越级、领航级" },
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":19,"level":"先进级"}]}""", "$.scenarios[0]（场景 19）.level", "在先进级没有定义" },
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":8,"level":"expert"}]}""", "$.scenarios[0]（场景 8）.level", "无法识别的等级“expert”" },
        { """{"dtScore":100.5,"cmmmLevel":2}""", "$.dtScore", "数字化转型评估得分应在 0–100 之间，实际为 100.5" },
        { """{"dtScore":-1,"cmmmLevel":2}""", "$.dtScore", "数字化转型评估得分应在 0–100 之间，实际为 -1" },
        { """{"dtScore":72,"cmmmLevel":6}""", "$.cmmmLevel", "应为 0–5 的整数（0 表示未评估），实际为 6" },
        { """{"dtScore":72,"cmmmLevel":2.5}""", "$.cmmmLevel", "应为整数，实际为 2.5" },
        { """{"dtScore":"72","cmmmLevel":2}""", "$.dtScore", "应为数字，实际为字符串" },
        { """{"dtScore":72,"cmmmLevel":2,"basicRequirementsMet":"yes"}""", "$.basicRequirementsMet", "应为 true 或 false，实际为字符串" },
        { """{"cmmmLevel":2}""", "$.dtScore", "缺少必填字段" },
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":{"no":8}}""", "$.scenarios", "应为数组，实际为对象" },
        { """{"dtScore":72,""", "$", "JSON 格式错误" },
        { """42""", "$", "应为对象，实际为数字" },
        { """{"dtScore":72,"cmmmLevel":2,"score":80}""", "$.score", "未知字段“score”" },
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":8,"level":"basic","note":"x"}]}""", "$.scenarios[0].note", "未知字段“note”" },
        { """{"dtScore":95,"cmmmLevel":2,"dtScore":10}""", "$.dtScore", "字段“dtScore”重复出现" },
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":8,"level":"basic","level":"leading"}]}""", "$.scenarios[0].level", "字段“level”重复出现" },
        { """{"edition":"JS-2099","dtScore":72,"cmmmLevel":2}""", "$.edition", "未知的场景目录版本“JS-2099”，可用：JS-2026" },
        { """{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":4,"level":"none","ai":true}]}""", "$.scenarios[0]（场景 4）.ai", "场景“产品数字化设计”未建设，不能标记为应用人工智能" },
        { """[]""", "$", "数组为空，没有可评估的记录" },
        { $"[{Valid},{Valid.Replace("72", "101")}]", "第 2 条 $[1].dtScore", "实际为 101" },
        { $"[{Valid},{Valid},{Valid.Replace("\"no\":8", "\"no\":0")}]", "第 3 条 $[2].scenarios[0]（场景 0）", "没有编号为 0 的场景" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void ReaderRefusesNamingThePlace(string json, string place, string message)
    {
        var batch = AssessmentReader.Read(json, Bundled.Library);

        Assert.False(batch.IsValid);
        Assert.Empty(batch.Assessments);
        Assert.Contains(batch.Problems, p => p.Place == place && p.Message.Contains(message));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void CommandLineExitsTwoWithTheMessageOnStandardError(string json, string place, string message)
    {
        var run = CliRun.Grade(json);

        Assert.Equal(2, run.Exit);
        Assert.Empty(run.Out);
        Assert.Contains("无效，未进行评级", run.Err);
        Assert.Contains($"{place}：", run.Err);
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public void ArrayWithOneBadElementGradesNothing()
    {
        var json = $"[{Valid},{Valid.Replace("\"basic\"}", "\"basic\",\"ai\":1}")},{Valid}]";

        var batch = AssessmentReader.Read(json, Bundled.Library);
        var run = CliRun.Grade(json);

        Assert.Empty(batch.Assessments);
        Assert.Equal("第 2 条 $[1].scenarios[0].ai：应为 true 或 false，实际为数字。", Assert.Single(batch.Problems).ToString());
        Assert.Equal((2, ""), (run.Exit, run.Out));
    }

    [Fact]
    public void EveryProblemOfAFileIsReportedAtOnce()
    {
        var batch = AssessmentReader.Read("""{"dtScore":101,"cmmmLevel":9,"scenarios":[{"no":1,"level":"workshop"},{"no":99,"level":"basic"}]}""", Bundled.Library);

        Assert.Equal(
            ["$.dtScore", "$.cmmmLevel", "$.scenarios[0]（场景 1）.level", "$.scenarios[1]（场景 99）"],
            batch.Problems.Select(p => p.Place));
    }

    [Fact]
    public void MissingFileIsRefusedWithExitTwo()
    {
        var run = CliRun.Of("grade", Path.Combine(Path.GetTempPath(), "no-such-assessment.json"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("找不到文件", run.Err);
    }

    [Theory]
    [InlineData()]
    [InlineData("frobnicate")]
    [InlineData("grade")]
    public void UnknownUsageShowsTheUsageWithExitTwo(params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.Equal((2, ""), (run.Exit, run.Out));
        Assert.Contains("用法：smartfactory", run.Err);
    }
}
