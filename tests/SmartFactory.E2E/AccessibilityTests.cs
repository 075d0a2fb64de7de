using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using Xunit.Abstractions;
using static SmartFactory.E2E.PageChecks;

namespace SmartFactory.E2E;

/// <summary>
/// Every main page, as the user it belongs to sees it over the README's demo data, on a desktop and on a 390x844 phone:
/// axe-core finds no serious or critical violation, and the phone neither scrolls sideways nor gets a tall or broken
/// navigation bar (issue 14 part 8, decision 034). A new page is one line of <see cref="Enterprise"/> or <see cref="Officials"/>;
/// {name} in an address is an id that <see cref="IdsAsync"/> finds in the data.
/// </summary>
public sealed class AccessibilityTests(DemoDataFixture fixture, ITestOutputHelper output) : IClassFixture<DemoDataFixture>
{
    private const string Anonymous = "";
    private const string Demo = Web.Infrastructure.DemoData.Password;
    private const string SystemAdmin = "a11y-system@js.gov.cn";
    private const string SecurityAdmin = "a11y-security@js.gov.cn";

    /// <summary>A province official who forgot the password: their reset waits on the 账号恢复复核 page.</summary>
    private const string Locked = "a11y-locked@js.gov.cn";
    private const string AuditAdmin = "a11y-audit@js.gov.cn";
    private const string TwoFactorOfficial = "a11y-2fa@js.gov.cn";
    private const string AdminPassword = "Access2026x";
    private const string Expert = "wu@jiangnan.edu.cn";
    private const string ExpertPassword = "Jiangnan2026x";

    /// <summary>(who signs in — a demo login, or nobody; what the failure calls the page; its address). The public pages are here too.</summary>
    public static readonly (string Who, MainPage Page)[] Enterprise =
    [
        (Anonymous, new("首页", "/")),
        (Anonymous, new("登录", "/Account/Login")),
        (Anonymous, new("企业注册", "/Account/Register")),
        (Anonymous, new("服务商注册", "/Account/RegisterProvider")),
        (Anonymous, new("忘记密码", "/Account/Forgot")),
        (Anonymous, new("接受邀请（链接无效）", "/Account/Accept?token=no-such-invitation")),
        (Anonymous, new("重设密码（链接无效）", "/Account/Reset?token=no-such-reset")),
        ("nantong@demo.cn", new("自评估总览（草稿）", "/Assessments")),
        ("nantong@demo.cn", new("环节页 生产管理", "/Assessments/Stage/4")),
        ("nantong@demo.cn", new("检查并提交", "/Assessments/Submit")),
        ("nantong@demo.cn", new("填报指南", "/Assessments/Guide")),
        ("suzhou@demo.cn", new("评估结果", "/Assessments/Result/{result}")),
        ("suzhou@demo.cn", new("历史记录", "/Assessments/History")),
        ("suzhou@demo.cn", new("申报先进级（申报书）", "/Assessments/Apply")),
        ("xuzhou@demo.cn", new("申报先进级（已认定，认定证书）", "/Assessments/Apply")),
        ("suzhou@demo.cn", new("备案", "/Assessments/Filing")),
        ("suzhou@demo.cn", new("企业用户", "/Team/Users")),
        ("suzhou@demo.cn", new("服务商授权", "/Team/Providers")),
        ("suzhou@demo.cn", new("服务商资源池", "/Pool/{provider}")),
        ("suzhou@demo.cn", new("通知", "/Notices")),
        ("suzhou@demo.cn", new("待办", "/Notices/Todo")),
        ("suzhou@demo.cn", new("修改密码", "/Account/Password")),
        ("suzhou@demo.cn", new("两步验证", "/Account/TwoFactor")),
        ("suzhou@demo.cn", new("API 令牌", "/Account/Tokens")),
        ("provider@demo.cn", new("我服务的企业", "/Providers")),
        ("provider@demo.cn", new("资源池资料", "/Providers/Profile")),
        (Anonymous, new("证书核验", "/verify")),
        (Anonymous, new("证书核验（有效证书）", "/verify/{certificate}")),
        (Anonymous, new("公示", "/public/publicity")),
    ];

    /// <inheritdoc cref="Enterprise"/>
    public static readonly (string Who, MainPage Page)[] Officials =
    [
        ("province@demo.cn", new("企业名单", "/Officials")),
        ("province@demo.cn", new("先进级申报列表", "/Officials/Applications")),
        ("province@demo.cn", new("数据看板", "/Officials/Dashboard")),
        ("province@demo.cn", new("场景逐年对比", "/Officials/Scenarios")),
        ("province@demo.cn", new("企业页", "/Officials/Enterprise/{enterprise}")),
        ("province@demo.cn", new("企业提交详情", "/Officials/Submission/{result}")),
        ("province@demo.cn", new("申报审核", "/Officials/Application/{application}")),
        ("province@demo.cn", new("申报审核（已认定，认定证书）", "/Officials/Application/{recognised}")),
        ("province@demo.cn", new("现场核查指派", "/Officials/SiteCheck/{checked}")),
        ("province@demo.cn", new("申报批次", "/Campaign/Rounds")),
        ("province@demo.cn", new("申报批次详情", "/Campaign/Round/{round}")),
        ("province@demo.cn", new("备案列表", "/Officials/Filings")),
        ("province@demo.cn", new("专家库", "/Officials/Experts")),
        ("province@demo.cn", new("公示管理", "/Officials/Publicity")),
        ("province@demo.cn", new("规上企业数", "/Officials/Targets")),
        ("province@demo.cn", new("官员账号", "/Officials/Users")),
        ("province@demo.cn", new("账号恢复复核（一项待复核）", "/Officials/Recoveries")),
        ("suzhou-city@demo.cn", new("备案设置", "/Officials/Settings")),
        ("huqiu@demo.cn", new("区县申报列表", "/Officials/Applications")),
        (Expert, new("专家：现场核查列表", "/Experts")),
        (Expert, new("专家：核查记录", "/Experts/Check/{checked}")),
        (SystemAdmin, new("规则库", "/Admin")),
        (SystemAdmin, new("规则集版本", "/Admin/RuleSet?key=JS-2026%402026.1")),
        (SystemAdmin, new("政策模拟结果", "/Admin/Simulation?id={simulation}")),
        (SecurityAdmin, new("账号安全", "/Security")),
        (SecurityAdmin, new("账号安全：查到的官员", "/Security?Login=huqiu%40demo.cn")),
        (AuditAdmin, new("审计日志", "/Audit")),
        (TwoFactorOfficial, new("登录第二步：验证码", "/Account/Code")),
    ];

    [Fact]
    public async Task The_enterprise_side_passes_axe_and_fits_a_phone() => AssertNone(await CheckSideAsync(Enterprise));

    [Fact]
    public async Task The_officials_side_passes_axe_and_fits_a_phone()
    {
        await EnsureAdministratorsAndExpertAsync();
        await TurnOnTwoFactorAsync(TwoFactorOfficial);
        await RunSimulationAsync();
        AssertNone(await CheckSideAsync(Officials));
    }

    /// <summary>Each user signs in once, in a context of their own, and sees their pages on a desktop and then on a phone.</summary>
    private async Task<List<string>> CheckSideAsync((string Who, MainPage Page)[] side)
    {
        var ids = await IdsAsync();
        var failures = new List<string>();
        foreach (var group in side.GroupBy(p => p.Who))
        {
            var page = await fixture.NewPageAsync();
            if (group.Key != Anonymous)
            {
                await OfficialSteps.LoginAsync(page, group.Key, Password(group.Key), landing: null);
            }
            var pages = group.Select(p => p.Page).ToList();
            failures.AddRange(await CheckAsync(page, pages, ids, output.WriteLine));
            await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
            failures.AddRange(await CheckAsync(page, pages, ids, output.WriteLine));
            await page.Context.CloseAsync();
        }
        return failures;
    }

    private static string Password(string login) => login switch
    {
        Expert => ExpertPassword,
        SystemAdmin or SecurityAdmin or AuditAdmin or TwoFactorOfficial => AdminPassword,
        _ => Demo,
    };

    /// <summary>
    /// The ids in the addresses: 苏州精工电气's latest submission and enterprise, the 筑峰强链 application at the province,
    /// the open round, the application with a recorded site check, the demo provider, 徐州铜山工程机械's recognised
    /// application and its certificate code, and the finished simulation (the officials' side only, "0" before).
    /// </summary>
    private async Task<Dictionary<string, string>> IdsAsync()
    {
        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var suzhou = await db.Users.Where(u => u.Login == "suzhou@demo.cn").Select(u => u.EnterpriseId!.Value).SingleAsync();
        var nanjing = await db.Users.Where(u => u.Login == "nanjing@demo.cn").Select(u => u.EnterpriseId!.Value).SingleAsync();
        var result = await db.Assessments.Where(a => a.EnterpriseId == suzhou && a.IsLatest).Select(a => a.Id).SingleAsync();
        var application = await db.Applications.Where(a => a.EnterpriseId == nanjing).Select(a => a.Id).SingleAsync();
        var round = await db.Rounds.Select(r => r.Id).FirstAsync();
        var check = await db.SiteChecks.Select(s => (int?)s.ApplicationId).FirstOrDefaultAsync();
        var provider = await db.Users.Where(u => u.Login == "provider@demo.cn").Select(u => u.Id).SingleAsync();
        var recognised = await db.Applications.Where(a => a.State == ApplicationState.Recognised && a.CertificateCode != null).Select(a => new { a.Id, Code = a.CertificateCode! }).SingleAsync();
        var simulation = await db.Simulations.Where(s => s.ResultJson != null).Select(s => (int?)s.Id).FirstOrDefaultAsync();
        return new()
        {
            ["enterprise"] = suzhou.ToString(CultureInfo.InvariantCulture),
            ["result"] = result.ToString(CultureInfo.InvariantCulture),
            ["application"] = application.ToString(CultureInfo.InvariantCulture),
            ["round"] = round.ToString(CultureInfo.InvariantCulture),
            ["checked"] = check?.ToString(CultureInfo.InvariantCulture) ?? "0",
            ["provider"] = provider.ToString(CultureInfo.InvariantCulture),
            ["recognised"] = recognised.Id.ToString(CultureInfo.InvariantCulture),
            ["certificate"] = recognised.Code,
            ["simulation"] = simulation?.ToString(CultureInfo.InvariantCulture) ?? "0",
        };
    }

    /// <summary>
    /// The three administrators and a province official from the web program's create-admin, and an expert who has
    /// recorded a site check on an application 初审通过 (through the province's and the expert's own pages, <see cref="SiteCheckSteps"/>).
    /// </summary>
    private async Task EnsureAdministratorsAndExpertAsync()
    {
        // Without a flag, create-admin makes a province official: the one who turns on two-factor sign-in.
        foreach (var (login, flag) in new (string, string?)[] { (SystemAdmin, "--system"), (SecurityAdmin, "--security"), (AuditAdmin, "--audit"), (TwoFactorOfficial, null), (Locked, null) })
        {
            string[] role = flag is null ? [] : [flag];
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await Web.Data.AdminCommands.RunAsync(
                ["create-admin", "--login", login, "--name", "无障碍检查", "--password", AdminPassword, .. role, "--connection", $"Data Source={Path.Combine(fixture.App.Folder, "app.db")}"],
                output, error);
            Assert.True(exit == 0, $"create-admin {login} failed ({exit}): {error}");
        }
        // 苏州精工电气's application, waiting for its county in the demo, goes up to 初审通过 as in the review chain.
        const string enterprise = "苏州精工电气有限公司";
        IPage? province = null;
        foreach (var (login, state, action, next) in new[]
        {
            ("huqiu@demo.cn", "待区县推荐", "推荐", "待设区市推荐"),
            ("suzhou-city@demo.cn", "待设区市推荐", "推荐", "待省级初审"),
            ("province@demo.cn", "待省级初审", "初审通过", "初审通过，待现场核查"),
        })
        {
            var official = await fixture.NewPageAsync();
            await OfficialSteps.LoginAsync(official, login, Demo);
            await OfficialSteps.OpenApplicationAsync(official, enterprise, "办理", state);
            await OfficialSteps.DecideAsync(official, action, "同意。");
            await Expect(OfficialSteps.State(official)).ToHaveTextAsync(next);
            if (province is not null)
            {
                await province.Context.CloseAsync();
            }
            province = official;
        }
        await SiteCheckSteps.RecordPassingCheckAsync(fixture, province!, enterprise);
        await province!.Context.CloseAsync();

        // Mail is off: the security administrator's reset link for a locked-out official waits for a province official (decision 049).
        var security = await fixture.NewPageAsync();
        await OfficialSteps.LoginAsync(security, SecurityAdmin, AdminPassword, landing: null);
        await security.GotoAsync($"/Security?Login={Uri.EscapeDataString(Locked)}");
        await security.GetByRole(AriaRole.Button, new() { Name = "发放重设密码链接" }).ClickAsync();
        await Expect(security.GetByTestId("notice")).ToContainTextAsync("须由一名省级官员复核");
        await Expect(security.GetByTestId("held")).ToBeVisibleAsync();
        await security.Context.CloseAsync();
    }

    /// <summary>
    /// Turns on two-factor sign-in for <paramref name="login"/> on its own page, with the code Otp.NET computes from the key
    /// the page shows (as an authenticator app would): its next sign-in stops at /Account/Code.
    /// </summary>
    private async Task TurnOnTwoFactorAsync(string login)
    {
        var page = await fixture.NewPageAsync();
        await OfficialSteps.LoginAsync(page, login, Password(login), landing: null);
        await page.GotoAsync("/Account/TwoFactor");
        var secret = (await page.Locator("code.totp-secret").TextContentAsync())!.Trim();
        await page.GetByLabel("验证码").FillAsync(new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "开启两步验证" }).ClickAsync();
        await Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(Web.Features.Account.TwoFactor.RecoveryCodeCount);
        await page.Context.CloseAsync();
    }

    /// <summary>A finished 政策模拟 from the library's pages: a stricter 先进级 loaded as a draft and simulated over 苏州市, so that some levels change.</summary>
    private async Task RunSimulationAsync()
    {
        var admin = await fixture.NewPageAsync();
        await OfficialSteps.LoginAsync(admin, SystemAdmin, AdminPassword, landing: "/Admin");
        await RuleLibrarySteps.UploadAsync(fixture, admin, "2026.2", advancedScenarios: 12);
        await admin.GetByLabel("范围").SelectOptionAsync("320500");
        await admin.GetByRole(AriaRole.Button, new() { Name = "开始模拟" }).ClickAsync();
        await Expect(admin.GetByTestId("matrix")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await admin.Context.CloseAsync();
    }
}
