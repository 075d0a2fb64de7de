using System.Globalization;
using System.Net;
using static SmartFactory.Web.Tests.ApiBuilders;
using static SmartFactory.Web.Tests.ImportBuilders;
using static SmartFactory.Web.Tests.ReportBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// One rule, one message: a DT score over 100 by a fraction, or a date after today, is refused with the same words beside
/// the page's field, in the API's ProblemDetails and in the import report, and nothing is saved.
/// </summary>
public sealed class SameRuleEverywhereTests : IDisposable
{
    private const string ProviderLogin = "rules@example.com";
    /// <summary>One instant for the app and the expectations, so "tomorrow" stays tomorrow even across midnight.</summary>
    private static readonly DateTime Now = DateTime.UtcNow;
    private readonly AppFactory _app = new() { Clock = new FixedClock(Now) };

    public void Dispose() => _app.Dispose();

    private static string Tomorrow => Day(BeijingToday.AddDays(1));

    private static DateOnly BeijingToday => SmartFactory.Domain.BeijingTime.Today(Now);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "100.5", "2026-10-01", "Input.DtScore", "数字化转型评估得分应在 0–100 之间，实际为 100.5。" },
        { "100.0000001", "2026-10-01", "Input.DtScore", "数字化转型评估得分应在 0–100 之间，实际为 100.0000001。" },
        { "72", Tomorrow, "Input.DtDate", $"数字化转型评估日期应在 2000-01-01 至今天（北京时间 {Day(BeijingToday)}）之间，实际为 {Tomorrow}。" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public async Task ThePageShowsTheMessageBesideTheField(string dtScore, string dtDate, string field, string message)
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var fields = new List<KeyValuePair<string, string>> { new("Input.DtScore", dtScore), new("Input.DtDate", dtDate), new("Input.CmmmLevel", "2") };

        var page = await browser.PostAsync("/Assessments", "/Assessments?handler=Basics", fields);
        var autosave = await browser.PostAsync("/Assessments", "/Assessments?handler=Basics", fields, json: true);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(message, (await Browser.ParseAsync(page)).QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.BadRequest, autosave.StatusCode);
        Assert.Equal(message, System.Text.Json.JsonDocument.Parse(await autosave.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        Assert.Null(_app.Query(db => db.Assessments.Single().DtScore));
    }

    [Theory, MemberData(nameof(Refusals))]
    public async Task TheApiAnswersAProblemWithTheMessageAtTheFieldsPath(string dtScore, string dtDate, string field, string message)
    {
        var e = await EnterpriseAsync(_app, 1);
        var body = $$"""{ "dtScore": {{dtScore}}, "dtDate": "{{dtDate}}", "cmmmLevel": 2, "attested": [] }""";

        var refused = await SendRawAsync(e.Api, HttpMethod.Put, $"/api/v1/enterprises/{e.Id}/draft/basics", body);

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        Assert.Equal(message, Detail(problem));
        Assert.Equal([("$." + char.ToLowerInvariant(field[6]) + field[7..], message)], Errors(problem));
        Assert.Null(_app.Query(db => db.Assessments.Single().DtScore));
    }

    [Theory, MemberData(nameof(Refusals))]
    public async Task TheImportReportShowsTheMessageInTheCell(string dtScore, string dtDate, string field, string message)
    {
        var provider = _app.Browser();
        await ProviderAsync(_app, provider, ProviderLogin);
        var enterprise = _app.Browser();
        var code = await Builders.RegisterAsync(enterprise, 1);
        await GrantAsync(enterprise, ProviderLogin);
        var headers = Rows(await DownloadAsync(provider, "/Providers/Import?handler=Template", XlsxType), "评价")[0].Keys.ToList();
        var column = field == "Input.DtScore" ? Features.Providers.ImportWorkbook.Dt : Features.Providers.ImportWorkbook.DtDate;

        var page = await UploadAsync(provider, "评价.xlsx", Workbook(headers, new Dictionary<string, object?>
        {
            [Features.Providers.ImportWorkbook.Code] = code,
            [Features.Providers.ImportWorkbook.Dt] = decimal.Parse(dtScore, CultureInfo.InvariantCulture),
            [Features.Providers.ImportWorkbook.DtDate] = dtDate,
            [Features.Providers.ImportWorkbook.Basic] = "是",
        }));

        var problem = Assert.Single(Report(page));
        Assert.Equal(("2", column, message), (problem.Row, problem.Column, problem.Message));
        Assert.Null(_app.Query(db => db.Assessments.SingleOrDefault()?.DtScore));
        Assert.DoesNotContain("provider.imported", _app.Query(db => db.AuditEvents.Select(a => a.Action).ToList()));
    }
}
