using System.Net;
using System.Net.Http.Headers;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>A draft's evidence through the API: uploaded, listed, downloaded and deleted with the pages' checks, in the caller's scope only.</summary>
public sealed class ApiEvidenceTests : IDisposable
{
    private readonly AppFactory _app = new() { Settings = { ["Evidence:MaxBytes"] = "1048576" } };

    public void Dispose() => _app.Dispose();

    private static string FilesUrl(int enterpriseId, string rest = "") => $"/api/v1/enterprises/{enterpriseId}/draft/files{rest}";

    private static Task<HttpResponseMessage> UploadAsync(HttpClient api, int enterpriseId, string name, byte[] bytes, string? scenario = null, string? purpose = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        if (scenario is not null)
        {
            form.Add(new StringContent(scenario), "scenario");
        }
        if (purpose is not null)
        {
            form.Add(new StringContent(purpose), "purpose");
        }
        return api.PostAsync(FilesUrl(enterpriseId), form);
    }

    private async Task<ApiEnterprise> WithDraftAsync(int n)
    {
        var e = await EnterpriseAsync(_app, n);
        (await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/draft")).EnsureSuccessStatusCode();
        return e;
    }

    private int Files() => _app.Query(db => db.EvidenceFiles.Count());

    [Fact]
    public async Task UploadsListsDownloadsAndDeletesAScenariosFile()
    {
        var e = await WithDraftAsync(1);
        var scenario = Builders.Catalog(_app).Scenarios.First();

        var response = await UploadAsync(e.Api, e.Id, "设备联网清单.pdf", Builders.Pdf, scenario: scenario.No.ToString());

        var added = await JsonAsync(response, HttpStatusCode.Created);
        var id = added.GetProperty("id").GetInt32();
        Assert.Equal(FilesUrl(e.Id, $"/{id}"), response.Headers.Location!.OriginalString);
        Assert.Equal((scenario.No, "scenario", "设备联网清单.pdf", "application/pdf", (long)Builders.Pdf.Length),
            (added.GetProperty("scenario").GetInt32(), added.GetProperty("purpose").GetString(), added.GetProperty("fileName").GetString(),
                added.GetProperty("contentType").GetString(), added.GetProperty("size").GetInt64()));
        var listed = Assert.Single((await JsonAsync(await e.Api.GetAsync(FilesUrl(e.Id)))).EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetInt32());

        var download = await e.Api.GetAsync(FilesUrl(e.Id, $"/{id}"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Builders.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("设备联网清单.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Contains("no-store", download.Headers.CacheControl!.ToString());

        var left = await JsonAsync(await e.Api.DeleteAsync(FilesUrl(e.Id, $"/{id}")));
        Assert.Equal(0, left.GetArrayLength());
        Assert.Equal(0, (await JsonAsync(await e.Api.GetAsync(FilesUrl(e.Id)))).GetArrayLength());
        Assert.Equal(0, Files());
        Assert.Equal(0, _app.Query(db => db.EvidenceContents.Count()));
        Assert.Equal(["evidence.uploaded", "evidence.deleted"], _app.Query(db => db.AuditEvents.Where(a => a.Action.StartsWith("evidence.")).OrderBy(a => a.Id).Select(a => a.Action).ToList()));
        Assert.Equal(HttpStatusCode.NotFound, (await e.Api.GetAsync(FilesUrl(e.Id, $"/{id}"))).StatusCode);
    }

    [Theory]
    [InlineData("报告.pdf", "hello, not a pdf", "1", null, "文件内容与扩展名不符，请上传真实的 PDF、图片或 Office 文档。")]
    [InlineData("tool.exe", "MZ", "1", null, "只能上传 PDF、图片（PNG、JPG）或 Office 文档（Word、Excel、PowerPoint）。")]
    [InlineData("空.pdf", "", "1", null, "文件为空。")]
    [InlineData("报告.pdf", "%PDF-1.4", "99", null, "场景目录中没有场景 99。")]
    [InlineData("报告.pdf", "%PDF-1.4", "一", null, "场景目录中没有场景 一。")]
    [InlineData("报告.pdf", "%PDF-1.4", null, "photos", "请以 multipart/form-data 上传：file 为文件；scenario 为所属场景编号，或 purpose 为 dt（数字化转型评估）、cmmm（成熟度评估）。")]
    [InlineData("报告.pdf", "%PDF-1.4", null, null, "请以 multipart/form-data 上传：file 为文件；scenario 为所属场景编号，或 purpose 为 dt（数字化转型评估）、cmmm（成熟度评估）。")]
    public async Task RefusesABadUploadWithItsReasonAndWritesNothing(string name, string content, string? scenario, string? purpose, string detail)
    {
        var e = await WithDraftAsync(1);
        var updated = _app.Query(db => db.Assessments.Single().UpdatedAt);

        var problem = await ProblemAsync(await UploadAsync(e.Api, e.Id, name, System.Text.Encoding.UTF8.GetBytes(content), scenario, purpose), HttpStatusCode.BadRequest, Invalid);

        Assert.Equal(detail, Detail(problem));
        Assert.Equal(0, Files());
        Assert.Equal(updated, _app.Query(db => db.Assessments.Single().UpdatedAt));
    }

    [Fact]
    public async Task RefusesAFileOverTheLimitAndABodyThatIsNotAForm()
    {
        var e = await WithDraftAsync(1);
        var big = Builders.Pdf.Concat(new byte[1100 * 1024]).ToArray();

        var problem = await ProblemAsync(await UploadAsync(e.Api, e.Id, "大.pdf", big, purpose: "dt"), HttpStatusCode.RequestEntityTooLarge, "请求内容过大");
        Assert.Equal("文件过大：上限 1 MB。", Detail(problem));
        var json = await ProblemAsync(await PostJsonAsync(e.Api, FilesUrl(e.Id), new { file = "JVBERi0=" }), HttpStatusCode.UnsupportedMediaType, "不支持的请求内容类型");
        Assert.Equal("该接口不接受此 Content-Type 的请求体，请对照 /openapi/v1.json 中该接口的说明。", Detail(json));
        var broken = new StringContent("--x\r\nnot a part", System.Text.Encoding.UTF8);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        var unreadable = await ProblemAsync(await e.Api.PostAsync(FilesUrl(e.Id), broken), HttpStatusCode.BadRequest, Invalid);
        Assert.StartsWith("无法读取上传的表单", Detail(unreadable));
        Assert.Equal(0, Files());
    }

    [Fact]
    public async Task UploadsNeverStartARoundAndASubmissionsFilesCannotBeDeleted()
    {
        var e = await EnterpriseAsync(_app, 1);
        var noDraft = await ProblemAsync(await UploadAsync(e.Api, e.Id, "报告.pdf", Builders.Pdf, purpose: "dt"), HttpStatusCode.Conflict, Conflict);
        Assert.Equal($"没有正在填写的草稿：请先用 GET /api/v1/enterprises/{e.Id}/draft 开始新一轮自评估。", Detail(noDraft));
        Assert.Equal(0, _app.Query(db => db.Assessments.Count()));

        await SubmitAdvancedAsync(_app, e);
        var submitted = _app.Query(db => db.EvidenceFiles.Single());
        Assert.Equal("dt", submitted.Purpose);

        Assert.Equal(0, (await JsonAsync(await e.Api.GetAsync(FilesUrl(e.Id)))).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await e.Api.DeleteAsync(FilesUrl(e.Id, $"/{submitted.Id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await e.Api.GetAsync(FilesUrl(e.Id, $"/{submitted.Id}"))).StatusCode);

        // The next round carries the file; deleting it from the new draft leaves the submission's copy and its bytes.
        (await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/draft")).EnsureSuccessStatusCode();
        var carried = Assert.Single((await JsonAsync(await e.Api.GetAsync(FilesUrl(e.Id)))).EnumerateArray());
        var carriedId = carried.GetProperty("id").GetInt32();
        Assert.Equal(Builders.Pdf, await (await e.Api.GetAsync(FilesUrl(e.Id, $"/{carriedId}"))).Content.ReadAsByteArrayAsync());
        Assert.Equal(0, (await JsonAsync(await e.Api.DeleteAsync(FilesUrl(e.Id, $"/{carriedId}")))).GetArrayLength());
        Assert.Equal(submitted.Id, _app.Query(db => db.EvidenceFiles.Single().Id));
        Assert.Equal(1, _app.Query(db => db.EvidenceContents.Count(c => c.EvidenceFileId == submitted.Id)));
    }

    [Fact]
    public async Task OnlyTheEnterpriseAndAGrantedProviderReachItsFiles()
    {
        var e = await WithDraftAsync(1);
        var other = await WithDraftAsync(2);
        var id = (await JsonAsync(await UploadAsync(e.Api, e.Id, "报告.pdf", Builders.Pdf, purpose: "cmmm"), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var (providerId, providerToken) = TokenHolder(_app, Role.ServiceProvider, organisation: "江苏智造咨询有限公司");
        var provider = Api(_app, providerToken);
        var official = Official(_app, Role.CountyOfficial, "320505");

        foreach (var stranger in new[] { other.Api, provider, official })
        {
            await ProblemAsync(await stranger.GetAsync(FilesUrl(e.Id)), HttpStatusCode.NotFound, NotFound);
            await ProblemAsync(await stranger.GetAsync(FilesUrl(e.Id, $"/{id}")), HttpStatusCode.NotFound, NotFound);
            await ProblemAsync(await stranger.DeleteAsync(FilesUrl(e.Id, $"/{id}")), HttpStatusCode.NotFound, NotFound);
            await ProblemAsync(await UploadAsync(stranger, e.Id, "报告.pdf", Builders.Pdf, purpose: "dt"), HttpStatusCode.NotFound, NotFound);
        }
        // Another enterprise naming its own draft cannot reach this file through it either.
        await ProblemAsync(await other.Api.DeleteAsync(FilesUrl(other.Id, $"/{id}")), HttpStatusCode.NotFound, NotFound);
        Assert.Equal(1, Files());

        Grant(_app, e.Id, providerId);
        var byProvider = await JsonAsync(await UploadAsync(provider, e.Id, "诊断报告.pdf", Builders.Pdf, scenario: "2"), HttpStatusCode.Created);
        Assert.Equal(providerId, _app.Query(db => db.EvidenceFiles.Single(f => f.Id == byProvider.GetProperty("id").GetInt32()).UploadedBy));
        Assert.Equal(2, (await JsonAsync(await provider.GetAsync(FilesUrl(e.Id)))).GetArrayLength());
    }
}
