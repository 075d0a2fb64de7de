using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>
/// The catalog is the reference table verbatim: an independent reading of the source .txt gives the same
/// number, stage, name and five descriptions for every scenario.
/// </summary>
public class ReferenceTableTests
{
    private sealed record Row(int No, string Stage, string Name, string?[] Descriptions);

    [Fact]
    public void ReferenceTableHasFortyRows()
    {
        Assert.Equal(Enumerable.Range(1, 40), ReadReferenceTable().Select(r => r.No));
    }

    [Fact]
    public void CatalogMatchesTheReferenceTableVerbatim()
    {
        var table = ReadReferenceTable();

        foreach (var row in table)
        {
            var scenario = Bundled.Catalog.Find(row.No)!;
            Assert.Equal((row.No, row.Stage, row.Name), (scenario.No, scenario.Stage, scenario.Name));
            foreach (var tier in Tiers.All)
            {
                Assert.True(
                    row.Descriptions[(int)tier - 1] == scenario.Description(tier),
                    $"场景 {row.No} {tier.ChineseName()}：\n参考表：{row.Descriptions[(int)tier - 1]}\n目录：  {scenario.Description(tier)}");
            }
        }
    }

    [Theory]
    [InlineData(9, Tier.Workshop, "结合人工经验编制作业任务顺序；能根据现场物料到料")]
    [InlineData(11, Tier.Basic, "支持调度人员手动在系统中进行计划调整与资源重派，提升响应可追溯性。")]
    [InlineData(14, Tier.Leading, "要时进行干预或监督。")]
    [InlineData(38, Tier.Excellent, "采购、库存等计划相互衔接")]
    public void CellBrokenAcrossAPageIsJoinedInTheCatalog(int no, Tier tier, string joined)
    {
        Assert.Contains(joined, Bundled.Catalog.Find(no)!.Description(tier));
    }

    /// <summary>
    /// Rows are tab-separated: 序号, 环节, 场景名称, five descriptions. An empty 环节 continues the stage above;
    /// a line with an empty 序号 continues the cells of the row above, column by column; "/" is an undefined tier.
    /// </summary>
    private static List<Row> ReadReferenceTable()
    {
        var rows = new List<(string No, string Stage, string Name, string[] Cells)>();
        var inTable = false;
        foreach (var line in File.ReadAllLines(Bundled.ReferenceTablePath))
        {
            var columns = line.Split('\t');
            if (columns[0] == "序号")
            {
                inTable = true;
                continue;
            }
            if (!inTable || columns.Length < 8)
            {
                continue;
            }
            if (columns[0].Length == 0)
            {
                var above = rows[^1];
                for (var c = 0; c < 5; c++)
                {
                    above.Cells[c] += columns[3 + c];
                }
                continue;
            }
            rows.Add((columns[0], columns[1], columns[2], columns[3..8]));
        }

        var stage = "";
        return rows.Select(r =>
        {
            stage = r.Stage.Length > 0 ? r.Stage : stage;
            return new Row(int.Parse(r.No), stage, r.Name, r.Cells.Select(c => c == "/" ? null : c).ToArray());
        }).ToList();
    }
}
