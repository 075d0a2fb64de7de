using AngleSharp.Html.Dom;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ReportBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>Issue 15 parts 3 and 4 (decision 040): officials see whether each number was issued or self-reported, and are told when the two differ.</summary>
public sealed class OriginsForOfficialsTests : IDisposable
{
    private const string Flagship = "江苏省数字化转型服务旗舰店";

    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private int Issue(int enterpriseId, IssuedKind kind, decimal? score, int? level, string reference) => _app.Query(db =>
    {
        var result = new IssuedResult
        {
            Kind = kind, CreditCode = db.Enterprises.Single(e => e.Id == enterpriseId).CreditCode, Score = score, Level = level,
            IssuedOn = new DateOnly(2026, 10, 15), Issuer = kind == IssuedKind.Dt ? Flagship : "国家智能制造能力成熟度评估平台",
            Reference = reference, ImportedAt = DateTime.UtcNow, ImportedBy = 1,
        };
        db.IssuedResults.Add(result);
        db.SaveChanges();
        return result.Id;
    });

    /// <summary>What a submission made from a draft that had taken the issued results holds: their ids.</summary>
    private void TakenFrom(int submissionId, int? dt = null, int? cmmm = null, int? ai = null) => _app.Query(db =>
    {
        var s = db.Assessments.Single(a => a.Id == submissionId);
        (s.DtIssuedId, s.CmmmIssuedId, s.AiIssuedId) = (dt, cmmm, ai);
        return db.SaveChanges();
    });

    private static Dictionary<string, string> Flags(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-flag]").ToDictionary(li => li.GetAttribute("data-flag")!, li => li.TextContent);

    private static string Origin(IHtmlDocument page, string kind) => page.QuerySelector($"[data-origin={kind}]")!.TextContent;

    [Fact]
    public async Task IssuedNumbersAreMarkedByTheirPlatformAndTypedOnesAsSelfReported()
    {
        var issued = Seed.Enterprise(_app, 1, Seed.HuqiuCounty, "平台数据企业有限公司");
        var submission = Seed.Submission(_app, issued, Tier.Advanced, dtScore: 82, cmmm: 3);
        TakenFrom(submission,
            dt: Issue(issued, IssuedKind.Dt, 82, null, "DT-2026-0101"),
            cmmm: Issue(issued, IssuedKind.Cmmm, null, 3, "CMMM-2026-0202"),
            ai: Issue(issued, IssuedKind.Ai, null, 2, "AI-2026-0303"));
        var typed = Seed.Enterprise(_app, 2, Seed.HuqiuCounty, "自填数据企业有限公司");
        var typedSubmission = Seed.Submission(_app, typed, Tier.Advanced, dtScore: 77, cmmm: 2);
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var list = await official.GetAsync($"/Officials/Enterprise/{issued}");
        Assert.Equal("82 分 平台", Origin(list, "dt"));
        Assert.Equal("3 级 平台", Origin(list, "cmmm"));
        var typedList = await official.GetAsync($"/Officials/Enterprise/{typed}");
        Assert.Equal("77 分 自填", Origin(typedList, "dt"));
        Assert.Equal("2 级 自填", Origin(typedList, "cmmm"));

        var rows = (await official.GetAsync("/Officials")).QuerySelectorAll("tbody tr").ToDictionary(tr => tr.QuerySelector(".name")!.TextContent, tr => tr.QuerySelector("[data-origin=numbers]")!.TextContent);
        Assert.Equal("82 分 平台 · 3 级 平台", rows["平台数据企业有限公司"]);
        Assert.Equal("77 分 自填 · 2 级 自填", rows["自填数据企业有限公司"]);
        var csv = (await (await official.Client.GetAsync("/Officials?handler=Csv")).Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Contains("数字化转型得分,得分来源,成熟度等级,等级来源,人工智能场景应用等级", csv[0]);
        Assert.Contains(",82,平台,3,平台,2,", csv.Single(l => l.Contains("平台数据企业有限公司")));
        Assert.Contains(",77,自填,2,自填,,", csv.Single(l => l.Contains("自填数据企业有限公司")));

        var page = await official.GetAsync($"/Officials/Submission/{submission}");
        Assert.Contains($"由{Flagship}出具（编号 DT-2026-0101，导入于", Origin(page, "dt"));
        Assert.Contains("由国家智能制造能力成熟度评估平台出具（编号 CMMM-2026-0202", Origin(page, "cmmm"));
        Assert.Contains("2 级", Origin(page, "ai"));
        var typedPage = await official.GetAsync($"/Officials/Submission/{typedSubmission}");
        Assert.Contains("企业自填", Origin(typedPage, "dt"));
        Assert.Equal("未导入", Origin(typedPage, "ai"));

        var pdf = PdfText(await DownloadAsync(official, $"/Officials/Submission/{submission}?handler=Pdf", "application/pdf"));
        AssertContainsAll(pdf, [$"由{Flagship}出具（编号DT-2026-0101", "人工智能场景应用等级", "2级（由"]);
        var typedPdf = PdfText(await DownloadAsync(official, $"/Officials/Submission/{typedSubmission}?handler=Pdf", "application/pdf"));
        AssertContainsAll(typedPdf, ["企业自填", "未导入"]);
    }

    [Fact]
    public async Task ASelfReportedNumberThatDiffersFromTheIssuedOneIsFlaggedAndAnEqualOneIsNot()
    {
        var differs = Seed.Enterprise(_app, 1, Seed.HuqiuCounty, "自报偏高企业有限公司");
        Seed.Submission(_app, differs, Tier.Advanced, dtScore: 75, cmmm: 3);
        Issue(differs, IssuedKind.Dt, 58, null, "DT-2026-0009");
        Issue(differs, IssuedKind.Cmmm, null, 3, "CMMM-2026-0010");
        var agrees = Seed.Enterprise(_app, 2, Seed.HuqiuCounty, "自报一致企业有限公司");
        Seed.Submission(_app, agrees, Tier.Advanced, dtScore: 80, cmmm: 3);
        Issue(agrees, IssuedKind.Dt, 80, null, "DT-2026-0011");
        var none = Seed.Enterprise(_app, 3, Seed.HuqiuCounty, "未出具企业有限公司");
        Seed.Submission(_app, none, Tier.Advanced, dtScore: 75, cmmm: 3);
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var flags = Flags(await official.GetAsync($"/Officials/Enterprise/{differs}"));
        Assert.Equal($"数字化转型评估得分：企业自填为 75 分，平台出具的为 58 分（由{Flagship}出具（编号 DT-2026-0009，导入于 {BeijingTime.Today(DateTime.UtcNow):yyyy-MM-dd}）），两者不一致。", flags["issued-dt"]);
        Assert.DoesNotContain("issued-cmmm", flags.Keys);
        Assert.DoesNotContain(Flags(await official.GetAsync($"/Officials/Enterprise/{agrees}")).Keys, k => k.StartsWith("issued-", StringComparison.Ordinal));
        Assert.DoesNotContain(Flags(await official.GetAsync($"/Officials/Enterprise/{none}")).Keys, k => k.StartsWith("issued-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AResultIssuedAnewAfterSubmissionIsFlaggedAgainstTheValueTheSubmissionTook()
    {
        var enterprise = Seed.Enterprise(_app, 1, Seed.HuqiuCounty, "重新评估企业有限公司");
        var submission = Seed.Submission(_app, enterprise, Tier.Advanced, dtScore: 70, cmmm: 4);
        TakenFrom(submission, cmmm: Issue(enterprise, IssuedKind.Cmmm, null, 4, "CMMM-2026-0001"));
        _app.Query(db =>
        {
            db.IssuedResults.Single().SupersededAt = DateTime.UtcNow;
            return db.SaveChanges();
        });
        Issue(enterprise, IssuedKind.Cmmm, null, 2, "CMMM-2026-0002");
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var flags = Flags(await official.GetAsync($"/Officials/Enterprise/{enterprise}"));
        Assert.StartsWith("智能制造能力成熟度等级：提交时取自平台的结果为 4 级，平台出具的为 2 级（由国家智能制造能力成熟度评估平台出具（编号 CMMM-2026-0002", flags["issued-cmmm"]);
    }
}
