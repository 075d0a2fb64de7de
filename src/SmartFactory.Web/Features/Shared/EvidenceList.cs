using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Features.Shared;

/// <summary>
/// A submission's evidence (decision 025): the files for the DT score and CMMM, the basic requirements' text, and per
/// scenario its self-assessed tier, its text and its files. For an official the links go to /Officials/Files (audited,
/// PDFs and images in the browser, images previewed in the page); for the enterprise to its own /files.
/// </summary>
public sealed record EvidenceList(AssessmentRecord Submission, bool ForOfficial)
{
    public string Url(EvidenceFile file) => ForOfficial ? $"/Officials/Files/{file.Id}" : $"/files/{file.Id}";

    public IEnumerable<EvidenceFile> General(string purpose) => Submission.Files.Where(f => f.ScenarioNo is null && f.Purpose == purpose).OrderBy(f => f.Id);

    public IEnumerable<EvidenceFile> Of(int scenarioNo) => Submission.Files.Where(f => f.ScenarioNo == scenarioNo).OrderBy(f => f.Id);

    /// <summary>The scenarios worth a line: rated at some tier, or with a text or a file.</summary>
    public IEnumerable<(int No, int Level, string? Text)> Scenarios(SmartFactory.Domain.Catalogs.Catalog catalog) => catalog.Scenarios
        .Select(s => (s.No, Rating: Submission.Ratings.FirstOrDefault(r => r.ScenarioNo == s.No)))
        .Where(x => x.Rating is { Level: > 0 } || !string.IsNullOrWhiteSpace(x.Rating?.Evidence) || Submission.Files.Any(f => f.ScenarioNo == x.No))
        .Select(x => (x.No, x.Rating?.Level ?? 0, x.Rating?.Evidence));

    public static readonly (string Purpose, string Label)[] Purposes =
        [(EvidencePurposes.DtScore, "数字化转型评估报告"), (EvidencePurposes.Cmmm, "成熟度诊断报告")];
}
