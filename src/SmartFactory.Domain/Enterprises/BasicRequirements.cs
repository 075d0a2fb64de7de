namespace SmartFactory.Domain.Enterprises;

/// <summary>One of the 基本要求 an enterprise attests with every assessment.</summary>
public sealed record BasicRequirement(string Key, string Text);

public static class BasicRequirements
{
    public static readonly IReadOnlyList<BasicRequirement> All =
    [
        new("registered", "在江苏省内依法注册、具有独立法人资格的工业企业（规上工业企业，或石油石化、有色、烟草、汽车行业的分支机构）"),
        new("operation", "生产经营正常，近三年未发生重大安全、环保、质量事故，未被列入严重失信主体名单"),
        new("secure", "关键设备、工业软件安全可控"),
        new("organisation", "设有推进智能制造的组织机构并配备专职人员"),
    ];

    public static bool AllMet(IEnumerable<string> attestedKeys)
    {
        var set = attestedKeys.ToHashSet();
        return All.All(r => set.Contains(r.Key));
    }
}
