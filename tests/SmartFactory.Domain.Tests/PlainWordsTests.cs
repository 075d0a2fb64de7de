using System.Text.Json.Nodes;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Issue 14, plain words: provenance labels from the rule-set data, the AI gate said as a share, numbers as entered.</summary>
public class PlainWordsTests
{
    [Theory]
    [InlineData(Provenance.Seed, "省级文件（自评价参考）")]
    [InlineData(Provenance.Notice, "国家、省级公开文件")]
    [InlineData(Provenance.Inferred, "按相邻等级推定，待正式口径公布")]
    [InlineData(Provenance.Placeholder, "系统默认值，待正式口径公布")]
    public void ProvenanceLabelsAreLoadedFromTheRuleSetFile(Provenance provenance, string label)
    {
        Assert.Equal(label, Bundled.RuleSet.Label(provenance));
        Assert.Equal(label, Bundled.RuleSet.Label(provenance.Code()));
        Assert.False(string.IsNullOrWhiteSpace(Bundled.RuleSet.ProvenanceTexts[provenance].Note));
    }

    [Fact]
    public void ALabelChangedInTheDataIsTheLabelShown()
    {
        var json = Bundled.Json(Bundled.RuleSetPath);
        json["provenances"]!["placeholder"]!["label"] = "暂定值";

        var loaded = RuleSetLoader.Parse(json.ToJsonString(), "JS-2026.json", e => e == "JS-2026" ? Bundled.Catalog : null);

        Assert.Equal("暂定值", loaded.Value!.Label(Provenance.Placeholder));
    }

    [Theory]
    [InlineData("missing section", "JS-2026.json.provenances", "缺少“provenances”")]
    [InlineData("missing one", "JS-2026.json.provenances.inferred", "缺少来源“inferred”的说明")]
    [InlineData("empty label", "JS-2026.json.provenances.seed.label", "不超过 30 字的非空文字")]
    [InlineData("missing note", "JS-2026.json.provenances.notice.note", "缺少必填字段")]
    [InlineData("unknown code", "JS-2026.json.provenances.official", "未知来源“official”")]
    public void RefusesARuleSetWhoseProvenanceLabelsAreIncomplete(string breakage, string place, string message)
    {
        var json = Bundled.Json(Bundled.RuleSetPath);
        var texts = json["provenances"]!.AsObject();
        switch (breakage)
        {
            case "missing section": json.Remove("provenances"); break;
            case "missing one": texts.Remove("inferred"); break;
            case "empty label": texts["seed"]!["label"] = " "; break;
            case "missing note": texts["notice"]!.AsObject().Remove("note"); break;
            case "unknown code": texts["official"] = new JsonObject { ["label"] = "官方", ["note"] = "官方" }; break;
        }

        var loaded = RuleSetLoader.Parse(json.ToJsonString(), "JS-2026.json", e => e == "JS-2026" ? Bundled.Catalog : null);

        Assert.Null(loaded.Value);
        Assert.Contains(loaded.Problems, p => p.Place == place && p.Message.Contains(message));
    }

    [Theory]
    [InlineData("0.2", 15, 3, 1, "excellent", "达到卓越级的 15 个场景中至少 20 %（3 个）应用人工智能，当前 1 个")]
    [InlineData("0.2", 15, 3, 0, "excellent", "达到卓越级的 15 个场景中至少 20 %（3 个）应用人工智能，当前 0 个")]
    [InlineData("0.2", 1, 1, 1, "excellent", "达到卓越级的 1 个场景中至少 20 %（1 个）应用人工智能，当前 1 个")]
    [InlineData("0.2", 0, 0, 0, "excellent", "达到卓越级的场景中至少 20 % 应用人工智能（目前没有场景达到卓越级），当前 0 个")]
    [InlineData("0.6", 5, 3, 5, "leading", "达到领航级的 5 个场景中至少 60 %（3 个）应用人工智能，当前 5 个")]
    [InlineData("0.335", 7, 3, 2, "advanced", "达到先进级的 7 个场景中至少 33.5 %（3 个）应用人工智能，当前 2 个")]
    public void TheAiGateSaysItIsAShareOfTheScenariosCountingAtTheTier(string share, int counting, int needed, int flagged, string tier, string text)
    {
        var check = new CheckDto("aiShare", "应用人工智能的场景数", needed, flagged, flagged >= needed, "notice", new AiShareDto(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), counting));

        Assert.Equal(text, GateText.Describe(check, tier));
    }

    [Fact]
    public void AResultStoredBeforeTheShareWasRecordedStillSaysItIsAShare()
    {
        var check = new CheckDto("aiShare", "应用人工智能的场景数", 3, 1, false, "notice");

        Assert.Equal("至少 3 个场景应用人工智能（按达到卓越级的场景数的比例计算），当前 1 个", GateText.Describe(check, "excellent"));
    }

    [Fact]
    public void TheGraderRecordsWhatTheAiGateIsAShareOf()
    {
        var excellent = Bundled.Catalog.Scenarios.Where(s => s.IsDefined(Tier.Excellent)).Select(s => s.No).Take(15).ToArray();
        var result = Enterprise.Qualified.Rate(Tier.Excellent, excellent).RateWithAi(Tier.Excellent, excellent[0]).Grade();
        var tier = result.Tiers.Single(t => t.Tier == Tier.Excellent);

        var dto = tier.Checks.Single(c => c.Gate == Gate.AiShare).ToDto(tier.Tier);

        Assert.Equal("达到卓越级的 15 个场景中至少 20 %（3 个）应用人工智能，当前 1 个", dto.Text);
        Assert.Equal("达到卓越级的 15 个场景中至少 20 %（3 个）应用人工智能", GateText.Required(dto, "excellent"));
    }

    [Theory]
    [InlineData("72.0", "72 分")]
    [InlineData("72.00", "72 分")]
    [InlineData("72.50", "72.5 分")]
    [InlineData("72.25", "72.25 分")]
    public void TheDtScoreIsPrintedAsEntered(string stored, string shown)
    {
        var check = new CheckDto("dtScore", "数字化转型评估得分", 70m, decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), true, "seed");

        Assert.Equal(shown, GateText.Actual(check));
        Assert.Equal("≥ 70 分", GateText.Required(check));
    }
}
