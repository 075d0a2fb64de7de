using SmartFactory.Domain.Applications;

namespace SmartFactory.Domain.Tests;

/// <summary>
/// The 省先进级 application workflow against DOMAIN.md: 筑峰强链 enterprises go straight to the province;
/// all others go 区县 → 设区市 → 省, except 昆山市, 泰兴市 and 沭阳县, which report to the province like cities;
/// then 初审, 现场核查 and recognition in a yearly batch. The holder of every step may return it with a comment.
/// The expectations are built here from those rules, never from <see cref="ApplicationWorkflow.AllowedActions"/>.
/// </summary>
public class ApplicationWorkflowTests
{
    private const string Province = "320000";
    private const string Comment = "佐证材料不全，请补充后重新申报。";
    private const int Batch = 2026;

    /// <summary>The routes under test by name, each with a sibling county in the same city and a county and city elsewhere.</summary>
    private static readonly Dictionary<string, (ApplicationRoute Route, string SiblingCounty, string ForeignCounty, string ForeignCity)> Routes = new()
    {
        ["江宁区（普通）"] = (new ApplicationRoute("320115", "320100", CountyReportsToProvince: false, Flagship: false), "320114", "320581", "320500"),
        ["昆山市（直报省）"] = (new ApplicationRoute("320583", "320500", CountyReportsToProvince: true, Flagship: false), "320581", "320115", "320100"),
        ["泰兴市（直报省）"] = (new ApplicationRoute("321283", "321200", CountyReportsToProvince: true, Flagship: false), "321282", "320583", "321300"),
        ["沭阳县（直报省）"] = (new ApplicationRoute("321322", "321300", CountyReportsToProvince: true, Flagship: false), "321323", "321283", "321200"),
        ["江宁区（筑峰强链）"] = (new ApplicationRoute("320115", "320100", CountyReportsToProvince: false, Flagship: true), "320114", "320581", "320500"),
        ["昆山市（筑峰强链）"] = (new ApplicationRoute("320583", "320500", CountyReportsToProvince: true, Flagship: true), "320581", "320115", "320100"),
    };

    /// <summary>One step of a route: the state, who holds it, and the action that moves it forward.</summary>
    private sealed record Step(ApplicationState State, Official Holder, ApplicationAction Forward);

    /// <summary>The chain DOMAIN.md prescribes for a route, ending before 已认定.</summary>
    private static List<Step> Chain(ApplicationRoute route)
    {
        var chain = new List<Step>();
        if (!route.Flagship)
        {
            chain.Add(new Step(ApplicationState.AtCounty, new Official(OfficialLevel.County, route.CountyCode), ApplicationAction.Recommend));
            if (!route.CountyReportsToProvince)
            {
                chain.Add(new Step(ApplicationState.AtCity, new Official(OfficialLevel.City, route.CityCode), ApplicationAction.Recommend));
            }
        }
        var province = new Official(OfficialLevel.Province, Province);
        chain.Add(new Step(ApplicationState.AtProvince, province, ApplicationAction.PassPreliminary));
        chain.Add(new Step(ApplicationState.PreliminaryPassed, province, ApplicationAction.PassSiteCheck));
        chain.Add(new Step(ApplicationState.SiteChecked, province, ApplicationAction.Recognise));
        return chain;
    }

    /// <summary>Every level bound to every division that matters for the route: 3 × 6 officials.</summary>
    private static IEnumerable<Official> Officials(string routeName)
    {
        var (route, sibling, foreignCounty, foreignCity) = Routes[routeName];
        string[] divisions = [route.CountyCode, sibling, foreignCounty, route.CityCode, foreignCity, Province];
        return Enum.GetValues<OfficialLevel>().SelectMany(level => divisions.Select(code => new Official(level, code)));
    }

    private static readonly Dictionary<ApplicationState, string> StateNames = new()
    {
        [ApplicationState.AtCounty] = "待区县推荐",
        [ApplicationState.AtCity] = "待设区市推荐",
        [ApplicationState.AtProvince] = "待省级初审",
        [ApplicationState.PreliminaryPassed] = "初审通过，待现场核查",
        [ApplicationState.SiteChecked] = "现场核查通过，待认定",
        [ApplicationState.Recognised] = "已认定",
        [ApplicationState.Returned] = "已退回",
        [ApplicationState.Withdrawn] = "已撤回",
    };

    private static readonly Dictionary<ApplicationAction, string> ActionNames = new()
    {
        [ApplicationAction.Recommend] = "推荐",
        [ApplicationAction.Return] = "退回",
        [ApplicationAction.PassPreliminary] = "初审通过",
        [ApplicationAction.PassSiteCheck] = "现场核查通过",
        [ApplicationAction.Recognise] = "认定",
    };

    private static readonly ApplicationState[] Finals = [ApplicationState.Recognised, ApplicationState.Returned, ApplicationState.Withdrawn];

    [Theory]
    [InlineData("江宁区（普通）", ApplicationState.AtCounty)]
    [InlineData("昆山市（直报省）", ApplicationState.AtCounty)]
    [InlineData("泰兴市（直报省）", ApplicationState.AtCounty)]
    [InlineData("沭阳县（直报省）", ApplicationState.AtCounty)]
    [InlineData("江宁区（筑峰强链）", ApplicationState.AtProvince)]
    [InlineData("昆山市（筑峰强链）", ApplicationState.AtProvince)]
    public void AFlagshipApplicationStartsAtTheProvinceAndEveryOtherAtItsCounty(string route, ApplicationState expected)
    {
        Assert.Equal(expected, ApplicationWorkflow.Start(Routes[route].Route));
    }

    [Theory]
    [InlineData("江宁区（普通）", "AtCounty 区县 320115 → AtCity 设区市 320100 → AtProvince 省 320000 → PreliminaryPassed 省 320000 → SiteChecked 省 320000 → Recognised")]
    [InlineData("昆山市（直报省）", "AtCounty 区县 320583 → AtProvince 省 320000 → PreliminaryPassed 省 320000 → SiteChecked 省 320000 → Recognised")]
    [InlineData("泰兴市（直报省）", "AtCounty 区县 321283 → AtProvince 省 320000 → PreliminaryPassed 省 320000 → SiteChecked 省 320000 → Recognised")]
    [InlineData("沭阳县（直报省）", "AtCounty 区县 321322 → AtProvince 省 320000 → PreliminaryPassed 省 320000 → SiteChecked 省 320000 → Recognised")]
    [InlineData("江宁区（筑峰强链）", "AtProvince 省 320000 → PreliminaryPassed 省 320000 → SiteChecked 省 320000 → Recognised")]
    [InlineData("昆山市（筑峰强链）", "AtProvince 省 320000 → PreliminaryPassed 省 320000 → SiteChecked 省 320000 → Recognised")]
    public void TheHolderOfEachStepMovesTheApplicationAlongItsRouteUntilItIsRecognised(string routeName, string expectedWalk)
    {
        var route = Routes[routeName].Route;
        var state = ApplicationWorkflow.Start(route);
        var walk = new List<string>();
        while (ApplicationWorkflow.Holder(state, route) is { } holder)
        {
            walk.Add($"{state} {holder.Level.ChineseName()} {holder.DivisionCode}");
            var forward = state switch
            {
                ApplicationState.AtCounty or ApplicationState.AtCity => ApplicationAction.Recommend,
                ApplicationState.AtProvince => ApplicationAction.PassPreliminary,
                ApplicationState.PreliminaryPassed => ApplicationAction.PassSiteCheck,
                _ => ApplicationAction.Recognise,
            };
            var transition = ApplicationWorkflow.Apply(state, route, holder, forward, comment: null, batchYear: Batch);
            Assert.True(transition.Allowed, transition.Refusal);
            Assert.Null(transition.Refusal);
            state = transition.To!.Value;
            Assert.True(walk.Count < 10, "the walk does not end");
        }
        walk.Add(state.ToString());

        Assert.Equal(expectedWalk, string.Join(" → ", walk));
    }

    [Theory]
    [InlineData("江宁区（普通）", ApplicationState.AtCounty, OfficialLevel.County, "320115")]
    [InlineData("江宁区（普通）", ApplicationState.AtCity, OfficialLevel.City, "320100")]
    [InlineData("江宁区（普通）", ApplicationState.AtProvince, OfficialLevel.Province, "320000")]
    [InlineData("江宁区（普通）", ApplicationState.PreliminaryPassed, OfficialLevel.Province, "320000")]
    [InlineData("江宁区（普通）", ApplicationState.SiteChecked, OfficialLevel.Province, "320000")]
    [InlineData("江宁区（普通）", ApplicationState.Recognised, null, null)]
    [InlineData("江宁区（普通）", ApplicationState.Returned, null, null)]
    [InlineData("昆山市（直报省）", ApplicationState.AtCounty, OfficialLevel.County, "320583")]
    [InlineData("昆山市（直报省）", ApplicationState.AtProvince, OfficialLevel.Province, "320000")]
    [InlineData("昆山市（直报省）", ApplicationState.PreliminaryPassed, OfficialLevel.Province, "320000")]
    [InlineData("昆山市（直报省）", ApplicationState.SiteChecked, OfficialLevel.Province, "320000")]
    [InlineData("昆山市（直报省）", ApplicationState.Recognised, null, null)]
    [InlineData("昆山市（直报省）", ApplicationState.Returned, null, null)]
    [InlineData("江宁区（筑峰强链）", ApplicationState.AtProvince, OfficialLevel.Province, "320000")]
    [InlineData("江宁区（筑峰强链）", ApplicationState.PreliminaryPassed, OfficialLevel.Province, "320000")]
    [InlineData("江宁区（筑峰强链）", ApplicationState.SiteChecked, OfficialLevel.Province, "320000")]
    [InlineData("江宁区（筑峰强链）", ApplicationState.Recognised, null, null)]
    [InlineData("江宁区（筑峰强链）", ApplicationState.Returned, null, null)]
    [InlineData("江宁区（普通）", ApplicationState.Withdrawn, null, null)]
    [InlineData("江宁区（筑峰强链）", ApplicationState.Withdrawn, null, null)]
    public void EachStateIsHeldByTheOfficialOfItsLevelAndDivisionAndAFinalStateByNobody(string route, ApplicationState state, OfficialLevel? level, string? division)
    {
        var holder = ApplicationWorkflow.Holder(state, Routes[route].Route);

        Assert.Equal(level is null ? null : new Official(level.Value, division!), holder);
    }

    /// <summary>
    /// Every state on the route (plus the two final ones) × every action × 18 officials. The states a route never passes
    /// through (设区市 for 直报 counties, 区县 and 设区市 for 筑峰强链) cannot be reached and are left out.
    /// </summary>
    public static TheoryData<string, ApplicationState, ApplicationAction, OfficialLevel, string> EveryAttempt()
    {
        var data = new TheoryData<string, ApplicationState, ApplicationAction, OfficialLevel, string>();
        foreach (var (name, (route, _, _, _)) in Routes)
        {
            var states = Chain(route).Select(s => s.State).Concat(Finals);
            foreach (var state in states)
            {
                foreach (var action in Enum.GetValues<ApplicationAction>())
                {
                    foreach (var official in Officials(name))
                    {
                        data.Add(name, state, action, official.Level, official.DivisionCode);
                    }
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryAttempt))]
    public void OnlyTheHolderMayActAndOnlyByMovingForwardOrReturningEverythingElseIsRefusedWithAReason(
        string routeName, ApplicationState state, ApplicationAction action, OfficialLevel level, string division)
    {
        var route = Routes[routeName].Route;
        var who = new Official(level, division);
        var chain = Chain(route);
        var at = chain.FindIndex(s => s.State == state);

        ApplicationState? expectedTo = null;
        string? expectedRefusal;
        if (at < 0)
        {
            expectedRefusal = $"该申报{StateNames[state]}，不能再办理。";
        }
        else if (chain[at].Holder != who)
        {
            expectedRefusal = $"该申报当前处于“{StateNames[state]}”环节，不由您办理。";
        }
        else if (action == ApplicationAction.Return)
        {
            (expectedTo, expectedRefusal) = (ApplicationState.Returned, null);
        }
        else if (action == chain[at].Forward)
        {
            (expectedTo, expectedRefusal) = (at + 1 < chain.Count ? chain[at + 1].State : ApplicationState.Recognised, null);
        }
        else
        {
            expectedRefusal = $"“{StateNames[state]}”环节不能执行“{ActionNames[action]}”。";
        }

        var transition = ApplicationWorkflow.Apply(state, route, who, action, Comment, Batch);

        Assert.Equal((expectedTo, expectedRefusal), (transition.To, transition.Refusal));
        Assert.Equal(expectedTo is not null, transition.Allowed);
    }

    [Fact]
    public void TheTableOfAttemptsAllowsExactlyTwoMovesPerStepOfEachRoute()
    {
        var allowed = EveryAttempt().Count(d => ApplicationWorkflow.Apply(
            (ApplicationState)d[1], Routes[(string)d[0]].Route, new Official((OfficialLevel)d[3], (string)d[4]), (ApplicationAction)d[2], Comment, Batch).Allowed);

        // 2 moves (forward, return) per step: 5 steps for 江宁区, 4 for each 直报 county, 3 for each 筑峰强链 route.
        Assert.Equal(2 * (5 + 4 * 3 + 3 * 2), allowed);
    }

    public static TheoryData<string, ApplicationState, string?> EveryStepWithoutAComment()
    {
        var data = new TheoryData<string, ApplicationState, string?>();
        foreach (var (name, (route, _, _, _)) in Routes)
        {
            foreach (var step in Chain(route))
            {
                foreach (var comment in new[] { null, "", "   ", "\t\n" })
                {
                    data.Add(name, step.State, comment);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStepWithoutAComment))]
    public void TheHolderCannotReturnAnApplicationWithoutAComment(string routeName, ApplicationState state, string? comment)
    {
        var route = Routes[routeName].Route;
        var holder = Chain(route).Single(s => s.State == state).Holder;

        var transition = ApplicationWorkflow.Apply(state, route, holder, ApplicationAction.Return, comment, Batch);

        Assert.False(transition.Allowed);
        Assert.Null(transition.To);
        Assert.Equal("退回申报时必须填写退回意见。", transition.Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(26)]
    [InlineData(-2026)]
    [InlineData(2019)]
    [InlineData(2101)]
    [InlineData(20260)]
    public void TheProvinceCannotRecogniseWithoutAPlausibleBatchYear(int? batchYear)
    {
        foreach (var (route, _, _, _) in Routes.Values)
        {
            var transition = ApplicationWorkflow.Apply(ApplicationState.SiteChecked, route, new Official(OfficialLevel.Province, Province), ApplicationAction.Recognise, comment: null, batchYear);

            Assert.False(transition.Allowed);
            Assert.Null(transition.To);
            Assert.Equal("认定时必须填写认定批次年度（如 2026）。", transition.Refusal);
        }
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2026)]
    [InlineData(2100)]
    public void TheProvinceRecognisesInABatchYearWithoutNeedingAComment(int batchYear)
    {
        foreach (var (route, _, _, _) in Routes.Values)
        {
            var transition = ApplicationWorkflow.Apply(ApplicationState.SiteChecked, route, new Official(OfficialLevel.Province, Province), ApplicationAction.Recognise, comment: null, batchYear);

            Assert.Equal(((ApplicationState?)ApplicationState.Recognised, (string?)null), (transition.To, transition.Refusal));
        }
    }

    [Theory]
    [InlineData(ApplicationState.AtCounty)]
    [InlineData(ApplicationState.AtCity)]
    [InlineData(ApplicationState.AtProvince)]
    [InlineData(ApplicationState.PreliminaryPassed)]
    public void ABatchYearIsOnlyAskedForWhenRecognising(ApplicationState state)
    {
        var route = Routes["江宁区（普通）"].Route;
        var step = Chain(route).Single(s => s.State == state);

        var forward = ApplicationWorkflow.Apply(state, route, step.Holder, step.Forward, comment: null, batchYear: null);
        var back = ApplicationWorkflow.Apply(state, route, step.Holder, ApplicationAction.Return, Comment, batchYear: null);

        Assert.True(forward.Allowed, forward.Refusal);
        Assert.Equal(ApplicationState.Returned, back.To);
    }

    public static TheoryData<ApplicationState, ApplicationAction, OfficialLevel, string, string> EveryAttemptOnAFinishedApplication()
    {
        var data = new TheoryData<ApplicationState, ApplicationAction, OfficialLevel, string, string>();
        foreach (var state in Finals)
        {
            foreach (var action in Enum.GetValues<ApplicationAction>())
            {
                foreach (var official in Officials("江宁区（普通）"))
                {
                    data.Add(state, action, official.Level, official.DivisionCode, $"该申报{StateNames[state]}，不能再办理。");
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryAttemptOnAFinishedApplication))]
    public void ARecognisedOrReturnedApplicationRefusesEveryActionByAnyoneSayingItIsFinished(
        ApplicationState state, ApplicationAction action, OfficialLevel level, string division, string expected)
    {
        foreach (var (route, _, _, _) in Routes.Values)
        {
            var transition = ApplicationWorkflow.Apply(state, route, new Official(level, division), action, Comment, Batch);

            Assert.False(transition.Allowed);
            Assert.Null(transition.To);
            Assert.Equal(expected, transition.Refusal);
        }
    }

    [Theory]
    [InlineData(ApplicationState.Recognised, "该申报已认定，不能再办理。")]
    [InlineData(ApplicationState.Returned, "该申报已退回，不能再办理。")]
    [InlineData(ApplicationState.Withdrawn, "该申报已撤回，不能再办理。")]
    public void TheRefusalOnAFinishedApplicationReadsAsPlainChinese(ApplicationState state, string expected)
    {
        var transition = ApplicationWorkflow.Apply(state, Routes["江宁区（普通）"].Route, new Official(OfficialLevel.Province, Province), ApplicationAction.Recognise, Comment, Batch);

        Assert.Equal(expected, transition.Refusal);
    }

    [Theory]
    [InlineData("江宁区（普通）", ApplicationState.AtCounty, OfficialLevel.Province, "320000", "该申报当前处于“待区县推荐”环节，不由您办理。")]
    [InlineData("江宁区（普通）", ApplicationState.AtCounty, OfficialLevel.City, "320100", "该申报当前处于“待区县推荐”环节，不由您办理。")]
    [InlineData("江宁区（普通）", ApplicationState.AtCounty, OfficialLevel.County, "320114", "该申报当前处于“待区县推荐”环节，不由您办理。")]
    [InlineData("江宁区（普通）", ApplicationState.AtCity, OfficialLevel.County, "320115", "该申报当前处于“待设区市推荐”环节，不由您办理。")]
    [InlineData("江宁区（普通）", ApplicationState.AtCity, OfficialLevel.City, "320500", "该申报当前处于“待设区市推荐”环节，不由您办理。")]
    [InlineData("江宁区（普通）", ApplicationState.AtCity, OfficialLevel.Province, "320000", "该申报当前处于“待设区市推荐”环节，不由您办理。")]
    [InlineData("昆山市（直报省）", ApplicationState.AtCounty, OfficialLevel.City, "320500", "该申报当前处于“待区县推荐”环节，不由您办理。")]
    [InlineData("昆山市（直报省）", ApplicationState.AtCounty, OfficialLevel.City, "320583", "该申报当前处于“待区县推荐”环节，不由您办理。")]
    [InlineData("昆山市（直报省）", ApplicationState.AtProvince, OfficialLevel.City, "320500", "该申报当前处于“待省级初审”环节，不由您办理。")]
    [InlineData("江宁区（筑峰强链）", ApplicationState.AtProvince, OfficialLevel.County, "320115", "该申报当前处于“待省级初审”环节，不由您办理。")]
    [InlineData("江宁区（筑峰强链）", ApplicationState.AtProvince, OfficialLevel.City, "320100", "该申报当前处于“待省级初审”环节，不由您办理。")]
    [InlineData("江宁区（筑峰强链）", ApplicationState.SiteChecked, OfficialLevel.Province, "320100", "该申报当前处于“现场核查通过，待认定”环节，不由您办理。")]
    public void AnOfficialOfAnotherLevelOrDivisionIsToldTheApplicationIsNotTheirs(string route, ApplicationState state, OfficialLevel level, string division, string expected)
    {
        foreach (var action in Enum.GetValues<ApplicationAction>())
        {
            var transition = ApplicationWorkflow.Apply(state, Routes[route].Route, new Official(level, division), action, Comment, Batch);

            Assert.Equal(((ApplicationState?)null, expected), (transition.To, transition.Refusal));
        }
    }

    [Theory]
    [InlineData(ApplicationState.AtCounty, ApplicationAction.PassPreliminary, "“待区县推荐”环节不能执行“初审通过”。")]
    [InlineData(ApplicationState.AtCounty, ApplicationAction.Recognise, "“待区县推荐”环节不能执行“认定”。")]
    [InlineData(ApplicationState.AtCity, ApplicationAction.PassSiteCheck, "“待设区市推荐”环节不能执行“现场核查通过”。")]
    [InlineData(ApplicationState.AtProvince, ApplicationAction.Recommend, "“待省级初审”环节不能执行“推荐”。")]
    [InlineData(ApplicationState.AtProvince, ApplicationAction.Recognise, "“待省级初审”环节不能执行“认定”。")]
    [InlineData(ApplicationState.PreliminaryPassed, ApplicationAction.PassPreliminary, "“初审通过，待现场核查”环节不能执行“初审通过”。")]
    [InlineData(ApplicationState.PreliminaryPassed, ApplicationAction.Recognise, "“初审通过，待现场核查”环节不能执行“认定”。")]
    [InlineData(ApplicationState.SiteChecked, ApplicationAction.PassSiteCheck, "“现场核查通过，待认定”环节不能执行“现场核查通过”。")]
    public void TheHolderCannotSkipOrRepeatAStep(ApplicationState state, ApplicationAction action, string expected)
    {
        var route = Routes["江宁区（普通）"].Route;
        var holder = Chain(route).Single(s => s.State == state).Holder;

        var transition = ApplicationWorkflow.Apply(state, route, holder, action, Comment, Batch);

        Assert.Equal(((ApplicationState?)null, expected), (transition.To, transition.Refusal));
    }

    /// <summary>Every route × every state it passes through (and the final ones): withdrawal only from the state it started in.</summary>
    public static TheoryData<string, ApplicationState> EveryStateOfEveryRoute()
    {
        var data = new TheoryData<string, ApplicationState>();
        foreach (var (name, (route, _, _, _)) in Routes)
        {
            foreach (var state in Chain(route).Select(s => s.State).Concat(Finals))
            {
                data.Add(name, state);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateOfEveryRoute))]
    public void TheEnterpriseMayWithdrawOnlyBeforeAnyOfficialActedThatIsAtTheCountyOrForAFlagshipAtTheProvince(string routeName, ApplicationState state)
    {
        var route = Routes[routeName].Route;
        var untouched = route.Flagship ? ApplicationState.AtProvince : ApplicationState.AtCounty;
        string? expectedRefusal = state switch
        {
            _ when state == untouched => null,
            ApplicationState.Withdrawn => "该申报已撤回。",
            ApplicationState.Recognised => "该申报已认定，不能撤回。",
            ApplicationState.Returned => "该申报已退回，不能撤回。",
            _ => $"主管部门已办理该申报（当前为“{StateNames[state]}”），不能撤回。",
        };

        var transition = ApplicationWorkflow.Withdraw(state, route);

        Assert.Equal((expectedRefusal is null ? ApplicationState.Withdrawn : (ApplicationState?)null, expectedRefusal), (transition.To, transition.Refusal));
    }

    [Fact]
    public void AWithdrawnApplicationIsHeldByNobodyAndNamedInChinese()
    {
        Assert.Null(ApplicationWorkflow.Holder(ApplicationState.Withdrawn, Routes["江宁区（普通）"].Route));
        Assert.Equal("已撤回", ApplicationState.Withdrawn.ChineseName());
    }
}
