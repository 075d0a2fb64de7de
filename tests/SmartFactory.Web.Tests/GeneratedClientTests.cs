using System.Text.Json;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Web.Tests.Generated;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// An integrator's program: the C# client NSwag generates from the committed openapi/v1.json at build time, calling the
/// real app. If the document stops describing what the API takes or answers, this fails to build or fails here.
/// </summary>
public sealed class GeneratedClientTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private SmartFactoryClient Client(string? token = null) => new(Api(_app, token));

    [Fact]
    public async Task GradesAnonymouslyAsTheGraderDoes()
    {
        var request = JsonSerializer.Deserialize<GradeRequest>(ExampleAssessment(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        var result = await Client().GradeAsync(request);

        var editions = _app.Services.GetRequiredService<EditionLibrary>();
        var assessment = AssessmentReader.Read(ExampleAssessment(), editions).Assessments.Single();
        var expected = Grader.Grade(assessment, editions.Catalog(assessment.Edition)!, editions.RuleSetFor(assessment)!);
        Assert.Equal("JS-2026", result.Edition);
        Assert.Equal(expected.ReferenceLevel?.Code(), result.ReferenceLevel);
        Assert.Equal(expected.RecommendedTier?.Code(), result.RecommendedTier);
        Assert.Equal((double)expected.Index, result.Index);
        Assert.Equal(expected.Tiers.Select(t => (t.Tier.Code(), t.Passed)), result.Tiers.Select(t => (t.Tier, t.Passed)));
        Assert.NotNull(result.ReferenceLevel);
    }

    [Fact]
    public async Task AGradingRefusalArrivesAsTheDocumentedProblem()
    {
        var request = new GradeRequest { Edition = "JS-1999", DtScore = 72.5, CmmmLevel = 2, Scenarios = [new GradeScenario { No = 8, Level = "advanced" }] };

        var refused = await Assert.ThrowsAsync<ApiException<Refusal>>(() => Client().GradeAsync(request));

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal(Invalid, refused.Result.Title);
        Assert.Contains(refused.Result.Errors!, e => e.Place == "$.edition" && e.Message.Contains("JS-1999"));
    }

    [Fact]
    public async Task ReadsItsEnterpriseAndSavesARatingWithItsToken()
    {
        var e = await EnterpriseAsync(_app, 1);
        var client = Client(e.Token);
        var scenario = Builders.Catalog(_app).Scenarios.First(s => s.IsDefined(Tier.Basic));

        var enterprise = await client.GetEnterpriseAsync(e.Id);
        var saved = await client.SaveRatingAsync(e.Id, scenario.No, new RatingRequest { Level = "basic", Ai = true, Evidence = "MES 上线" });
        var draft = await client.GetDraftAsync(e.Id);

        Assert.Equal(e.CreditCode, enterprise.CreditCode);
        Assert.Equal(e.Id, enterprise.Id);
        Assert.Equal((scenario.No, "basic", true), (saved.No, saved.Level, saved.Ai));
        var rating = Assert.Single(draft.Ratings);
        Assert.Equal((scenario.No, "basic", "MES 上线"), (rating.No, rating.Level, rating.Evidence));
        Assert.Equal("basic", _app.Query(db => Tiers.RatingCode(db.Ratings.Single(r => r.ScenarioNo == scenario.No).Level)));
    }

    [Fact]
    public async Task UploadsAndDownloadsEvidenceAndSetsTheRoadmapTarget()
    {
        var e = await EnterpriseAsync(_app, 1);
        var client = Client(e.Token);
        await client.GetDraftAsync(e.Id);

        var added = await client.UploadDraftFileAsync(e.Id, new FileParameter(new MemoryStream(Builders.Pdf), "诊断报告.pdf", "application/pdf"), scenario: 3);
        using var download = await client.DownloadDraftFileAsync(e.Id, added.Id);
        using var bytes = new MemoryStream();
        await download.Stream.CopyToAsync(bytes);

        Assert.Equal((3, "scenario", "诊断报告.pdf"), (added.Scenario, added.Purpose, added.FileName));
        Assert.Equal(Builders.Pdf, bytes.ToArray());
        var noPlanYet = await Assert.ThrowsAsync<ApiException<Refusal>>(() => client.SaveRoadmapTargetAsync(e.Id, new RoadmapTargetRequest { Tier = "excellent", Year = DateTime.UtcNow.Year + 1 }));
        Assert.Equal((409, "与当前状态冲突"), (noPlanYet.StatusCode, noPlanYet.Result.Title));
    }

    [Fact]
    public async Task RefusalsArriveWithTheStatusAndTitleTheDocumentNames()
    {
        var mine = await EnterpriseAsync(_app, 1);
        var other = await EnterpriseAsync(_app, 2);

        var hidden = await Assert.ThrowsAsync<ApiException<Refusal>>(() => Client(mine.Token).GetEnterpriseAsync(other.Id));
        var anonymous = await Assert.ThrowsAsync<ApiException<Refusal>>(() => Client().GetEnterpriseAsync(mine.Id));
        var notAdministrator = await Assert.ThrowsAsync<ApiException<Refusal>>(() => Client(mine.Token).ListLibraryAsync());

        Assert.Equal((404, NotFound), (hidden.StatusCode, hidden.Result.Title));
        Assert.Equal((401, Unauthenticated), (anonymous.StatusCode, anonymous.Result.Title));
        Assert.Equal((403, Forbidden), (notAdministrator.StatusCode, notAdministrator.Result.Title));
    }

    private static string ExampleAssessment() => File.ReadAllText(RepositoryFile("examples", "assessment.json"));
}
