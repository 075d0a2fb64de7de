using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Providers;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Providers;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// The demo provider's entry in the 服务商资源池 (decision 032): a 苏南 consultancy for discrete manufacturing that delivers
/// the production, quality and equipment scenarios up to 卓越级, so 苏州精工电气's plan from 先进级 to 卓越级 finds it and
/// an enterprise sees a filled pool page. Checked by the same rules as the provider's own page.
/// </summary>
internal static class DemoProviderProfile
{
    private const string Introduction =
        "江苏智造咨询有限公司扎根苏南，专注离散制造企业的智能工厂规划与落地：设备联网与数据采集、制造执行系统（MES）、高级计划排程、" +
        "质量追溯和设备运维。可协助企业开展智能工厂等级自评估，并按升级路径制定分步改造方案。";

    private const string Contact = "0512-68881234（工作日 9:00—17:30）";

    /// <summary>南京、无锡、常州、苏州、南通.</summary>
    private static readonly string[] Cities = ["320100", "320200", "320400", "320500", "320600"];

    /// <summary>Scenario number → the highest tier delivered, each a tier the catalog defines for the scenario.</summary>
    private static readonly Dictionary<int, string?> Offers = new()
    {
        [2] = "advanced", [8] = "excellent", [9] = "excellent", [10] = "excellent", [11] = "advanced", [12] = "advanced",
        [13] = "advanced", [16] = "advanced", [24] = "advanced", [25] = "excellent", [26] = "excellent", [27] = "excellent",
        [28] = "advanced", [29] = "excellent", [31] = "advanced",
    };

    private static readonly ProviderCase[] Cases =
    [
        new("电气成套车间设备联网与生产进度看板", "电气机械 · 中型",
            "为 86 台数控、钣金和装配设备加装数据采集网关，接入制造执行系统。\n工单进度实时显示在车间看板和手机上，计划员不再逐台抄数。\n半年后设备综合效率（OEE）由 61% 提高到 72%。"),
        new("汽车零部件批次质量追溯", "汽车零部件 · 中型",
            "按批次和产品序列号贯通原材料、工序参数和检验记录。\n关键工位加装视觉检测，结果自动进入质量分析。\n客户投诉的追溯定位由 2 天缩短到 2 小时，漏检率下降八成。"),
        new("通用机械高级排产与仓储条码改造", "通用设备 · 小型",
            "用高级计划排程（APS）代替手工排产，插单对交期的影响当天可见。\n仓库启用条码货位和先进先出提示，物料按工单配送到线边。\n库存周转天数由 45 天降到 32 天。"),
    ];

    public static async Task SaveAsync(AppDbContext db, EditionLibrary editions, Regions regions, int providerId, DateTime now)
    {
        var catalog = editions.Current;
        var profile = ProviderProfiles.Check(new ProviderProfileDraft(Introduction, Contact, Offers, Cities, Cases), catalog, [.. regions.Cities.Select(c => c.Code)]);
        if (!profile.IsValid)
        {
            throw new InvalidOperationException("The demo provider's profile breaks the pool's rules: " + string.Join("; ", profile.Problems.Select(p => $"{p.Place} {p.Message}")));
        }
        await PoolProfiles.SaveAsync(db, providerId, catalog.Edition, profile.Value!, now);
    }
}
