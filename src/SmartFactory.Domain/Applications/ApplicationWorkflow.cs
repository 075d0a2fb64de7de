namespace SmartFactory.Domain.Applications;

/// <summary>Where a 省先进级 application stands. Recognised, Returned and Withdrawn are final.</summary>
public enum ApplicationState
{
    AtCounty = 1,
    AtCity = 2,
    AtProvince = 3,
    PreliminaryPassed = 4,
    SiteChecked = 5,
    Recognised = 6,
    Returned = 7,

    /// <summary>撤回: the enterprise took it back before any official acted on it.</summary>
    Withdrawn = 8,
}

public enum ApplicationAction
{
    Recommend = 1,
    Return = 2,
    PassPreliminary = 3,
    PassSiteCheck = 4,
    Recognise = 5,
}

public enum OfficialLevel
{
    County = 1,
    City = 2,
    Province = 3,
}

/// <summary>An official acting on an application: their level and the division they are bound to.</summary>
public sealed record Official(OfficialLevel Level, string DivisionCode);

/// <summary>The path of one enterprise's application: its county and city, and the two ways to skip a level.</summary>
public sealed record ApplicationRoute(string CountyCode, string CityCode, bool CountyReportsToProvince, bool Flagship);

/// <summary>The state after an allowed transition, or why it is refused (in Chinese).</summary>
public sealed record Transition(ApplicationState? To, string? Refusal)
{
    public bool Allowed => To is not null;
}

/// <summary>
/// The 省先进级 application as a state machine: 区县 → 设区市 → 省 (初审 → 现场核查 → 认定), with
/// 筑峰强链 enterprises starting at the province and counties that report to the province skipping the city.
/// At every step but the last the holder may return it with a comment.
/// </summary>
public static class ApplicationWorkflow
{
    /// <summary>
    /// Jiangsu's division code (GB/T 2260), the one place it is written in code: the workflow hands applications to the
    /// province by it. The divisions data file must carry the same code (checked when it is read).
    /// </summary>
    public const string Province = "320000";

    public static ApplicationState Start(ApplicationRoute route) => route.Flagship ? ApplicationState.AtProvince : ApplicationState.AtCounty;

    /// <summary>Who holds an application in a state: the official who may act on it; null once final.</summary>
    public static Official? Holder(ApplicationState state, ApplicationRoute route) => state switch
    {
        ApplicationState.AtCounty => new Official(OfficialLevel.County, route.CountyCode),
        ApplicationState.AtCity => new Official(OfficialLevel.City, route.CityCode),
        ApplicationState.AtProvince or ApplicationState.PreliminaryPassed or ApplicationState.SiteChecked => new Official(OfficialLevel.Province, Province),
        _ => null,
    };

    public static IReadOnlyList<ApplicationAction> AllowedActions(ApplicationState state) => state switch
    {
        ApplicationState.AtCounty or ApplicationState.AtCity => [ApplicationAction.Recommend, ApplicationAction.Return],
        ApplicationState.AtProvince => [ApplicationAction.PassPreliminary, ApplicationAction.Return],
        ApplicationState.PreliminaryPassed => [ApplicationAction.PassSiteCheck, ApplicationAction.Return],
        ApplicationState.SiteChecked => [ApplicationAction.Recognise, ApplicationAction.Return],
        _ => [],
    };

    public static Transition Apply(ApplicationState state, ApplicationRoute route, Official who, ApplicationAction action, string? comment, int? batchYear = null)
    {
        var holder = Holder(state, route);
        if (holder is null)
        {
            return Refuse($"该申报{state.ChineseName()}，不能再办理。");
        }
        if (holder != who)
        {
            return Refuse($"该申报当前处于“{state.ChineseName()}”环节，不由您办理。");
        }
        if (!AllowedActions(state).Contains(action))
        {
            return Refuse($"“{state.ChineseName()}”环节不能执行“{action.ChineseName()}”。");
        }
        if (action == ApplicationAction.Return && string.IsNullOrWhiteSpace(comment))
        {
            return Refuse("退回申报时必须填写退回意见。");
        }
        if (action == ApplicationAction.Recognise && batchYear is not (>= 2020 and <= 2100))
        {
            return Refuse("认定时必须填写认定批次年度（如 2026）。");
        }
        return new Transition(Next(state, route, action), null);
    }

    /// <summary>
    /// 撤回 by the enterprise: allowed only while no official has acted on the application, that is while it is still in the
    /// state it started in (at the county, or at the province for a 筑峰强链 enterprise before the province acted).
    /// </summary>
    public static Transition Withdraw(ApplicationState state, ApplicationRoute route)
    {
        if (state == Start(route))
        {
            return new Transition(ApplicationState.Withdrawn, null);
        }
        return Refuse(state switch
        {
            ApplicationState.Withdrawn => "该申报已撤回。",
            ApplicationState.Recognised or ApplicationState.Returned => $"该申报{state.ChineseName()}，不能撤回。",
            _ => $"主管部门已办理该申报（当前为“{state.ChineseName()}”），不能撤回。",
        });
    }

    private static ApplicationState Next(ApplicationState state, ApplicationRoute route, ApplicationAction action) => (state, action) switch
    {
        (_, ApplicationAction.Return) => ApplicationState.Returned,
        (ApplicationState.AtCounty, ApplicationAction.Recommend) => route.CountyReportsToProvince ? ApplicationState.AtProvince : ApplicationState.AtCity,
        (ApplicationState.AtCity, ApplicationAction.Recommend) => ApplicationState.AtProvince,
        (ApplicationState.AtProvince, ApplicationAction.PassPreliminary) => ApplicationState.PreliminaryPassed,
        (ApplicationState.PreliminaryPassed, ApplicationAction.PassSiteCheck) => ApplicationState.SiteChecked,
        (ApplicationState.SiteChecked, ApplicationAction.Recognise) => ApplicationState.Recognised,
        _ => throw new InvalidOperationException($"No transition from {state} by {action}; AllowedActions should have refused it."),
    };

    private static Transition Refuse(string message) => new(null, message);

    public static string ChineseName(this ApplicationState state) => state switch
    {
        ApplicationState.AtCounty => "待区县推荐",
        ApplicationState.AtCity => "待设区市推荐",
        ApplicationState.AtProvince => "待省级初审",
        ApplicationState.PreliminaryPassed => "初审通过，待现场核查",
        ApplicationState.SiteChecked => "现场核查通过，待认定",
        ApplicationState.Recognised => "已认定",
        ApplicationState.Returned => "已退回",
        ApplicationState.Withdrawn => "已撤回",
        _ => state.ToString(),
    };

    public static string ChineseName(this ApplicationAction action) => action switch
    {
        ApplicationAction.Recommend => "推荐",
        ApplicationAction.Return => "退回",
        ApplicationAction.PassPreliminary => "初审通过",
        ApplicationAction.PassSiteCheck => "现场核查通过",
        ApplicationAction.Recognise => "认定",
        _ => action.ToString(),
    };

    public static string ChineseName(this OfficialLevel level) => level switch
    {
        OfficialLevel.County => "区县",
        OfficialLevel.City => "设区市",
        OfficialLevel.Province => "省",
        _ => level.ToString(),
    };
}
