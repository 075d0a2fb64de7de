using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Assessments;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Admin;

/// <summary>
/// The latest submissions of a simulation's scope, one row at a time in id order, read with the provider's own data
/// reader. The query is still EF's (<see cref="SimulationRunner"/>'s scope, turned into a command with its parameters),
/// only the rows skip EF's materialisation. It names only columns of the narrow index IX_Assessments_LatestInputs and of
/// the enterprise, so the scan never reads the wide submission rows: on SQLite, from a cold cache, paging through those
/// (~2 KB each, with the snapshot) was most of a 100,000-submission run (docs/benchmarks.md, "Policy simulation at
/// province scale").
/// </summary>
public sealed class SimulationRows : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly int _id, _enterpriseId, _input, _basicRequirements, _referenceLevel, _city, _county, _industry, _aboveScale;

    private SimulationRows(DbCommand command, DbDataReader reader)
    {
        (_command, _reader) = (command, reader);
        // By name: the order of the SELECT list is EF's business.
        _id = reader.GetOrdinal(nameof(AssessmentRecord.Id));
        _enterpriseId = reader.GetOrdinal(nameof(AssessmentRecord.EnterpriseId));
        _input = reader.GetOrdinal(nameof(AssessmentRecord.GradingInput));
        _basicRequirements = reader.GetOrdinal(nameof(AssessmentRecord.BasicRequirements));
        _referenceLevel = reader.GetOrdinal(nameof(AssessmentRecord.ReferenceLevel));
        _city = reader.GetOrdinal(nameof(Enterprise.CityCode));
        _county = reader.GetOrdinal(nameof(Enterprise.CountyCode));
        _industry = reader.GetOrdinal(nameof(Enterprise.IndustryCode));
        _aboveScale = reader.GetOrdinal(nameof(Enterprise.IsAboveScale));
    }

    public static async Task<SimulationRows> OpenAsync(AppDbContext db, IQueryable<AssessmentRecord> scope, CancellationToken ct)
    {
        var command = scope.OrderBy(a => a.Id).Select(a => new
        {
            a.Id, a.EnterpriseId, a.GradingInput, a.BasicRequirements, a.ReferenceLevel,
            a.Enterprise!.CityCode, a.Enterprise.CountyCode, a.Enterprise.IndustryCode, a.Enterprise.IsAboveScale,
        }).CreateDbCommand();
        await db.Database.OpenConnectionAsync(ct);
        return new SimulationRows(command, await command.ExecuteReaderAsync(ct));
    }

    public Task<bool> ReadAsync(CancellationToken ct) => _reader.ReadAsync(ct);

    public int Id => _reader.GetInt32(_id);
    public int EnterpriseId => _reader.GetInt32(_enterpriseId);
    public string BasicRequirements => _reader.GetString(_basicRequirements);
    public int ReferenceLevel => _reader.IsDBNull(_referenceLevel) ? 0 : _reader.GetInt32(_referenceLevel);
    public string CityCode => _reader.GetString(_city);
    public string CountyCode => _reader.GetString(_county);
    public string IndustryCode => _reader.GetString(_industry);
    public bool AboveScale => _reader.GetBoolean(_aboveScale);

    /// <summary>The row's submission as the grader reads it; null when it has no grading input or that cannot be read.</summary>
    public Assessment? Submission(bool basicRequirementsMet) =>
        _reader.IsDBNull(_input) ? null : GradingInput.Read(_reader.GetString(_input), basicRequirementsMet);

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _command.DisposeAsync();
    }
}
