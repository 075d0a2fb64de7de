using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Assessments;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Admin;

/// <summary>
/// The latest submissions of a simulation's scope, one row at a time in id order, read with the provider's own data
/// reader. The query is still EF's (<see cref="SimulationRunner"/>'s scope, turned into a command with its parameters),
/// only the rows skip EF's materialisation. The snapshot is taken as its stored UTF-8 bytes into one reused buffer:
/// <see cref="SnapshotReader"/> reads UTF-8, so a string (two bytes a character) and its re-encoding per row would be
/// ~6 KB of garbage each, 600 MB at 100,000 submissions (docs/benchmarks.md, "Policy simulation at province scale").
/// </summary>
public sealed class SimulationRows : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly bool _sqlite;
    private readonly int _id, _enterpriseId, _snapshot, _basicRequirements, _referenceLevel, _city, _county, _industry, _aboveScale;
    private byte[] _buffer = new byte[64 * 1024];

    /// <summary>
    /// On SQLite the scan reads the database file through a memory map (SQLite caps it at 2 GB): with the file not in
    /// the OS cache, page faults with the kernel's read-around fetched the 100,000 snapshots in half the time of
    /// SQLite's one read() per 4 KB page, 8 s instead of 12–14 s for the whole run; with the file cached it costs about
    /// 0.5 s (docs/benchmarks.md). The mapped pages are the OS cache's own, counted in the process's resident set but not
    /// its heap. Only this connection, only for the scan.
    /// </summary>
    private const string MapDatabase = "PRAGMA mmap_size=2147483648";

    private SimulationRows(DbCommand command, DbDataReader reader, bool sqlite)
    {
        (_command, _reader, _sqlite) = (command, reader, sqlite);
        // By name: the order of the SELECT list is EF's business.
        _id = reader.GetOrdinal(nameof(AssessmentRecord.Id));
        _enterpriseId = reader.GetOrdinal(nameof(AssessmentRecord.EnterpriseId));
        _snapshot = reader.GetOrdinal(nameof(AssessmentRecord.SnapshotJson));
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
            a.Id, a.EnterpriseId, a.SnapshotJson, a.BasicRequirements, a.ReferenceLevel,
            a.Enterprise!.CityCode, a.Enterprise.CountyCode, a.Enterprise.IndustryCode, a.Enterprise.IsAboveScale,
        }).CreateDbCommand();
        await db.Database.OpenConnectionAsync(ct);
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            await db.Database.ExecuteSqlRawAsync(MapDatabase, ct);
        }
        return new SimulationRows(command, await command.ExecuteReaderAsync(ct), sqlite);
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

    /// <summary>The row's snapshot as <see cref="SnapshotReader"/> reads it; null when there is none or it cannot be read.</summary>
    public Assessment? Snapshot(bool basicRequirementsMet)
    {
        if (_reader.IsDBNull(_snapshot))
        {
            return null;
        }
        var length = _sqlite ? SqliteBytes() : StreamBytes();
        return SnapshotReader.Read(_buffer.AsSpan(0, length), basicRequirementsMet);
    }

    /// <summary>SQLite hands a TEXT value out as its UTF-8 bytes (sqlite3_column_blob); GetStream would open a blob handle per row.</summary>
    private int SqliteBytes()
    {
        var length = (int)_reader.GetBytes(_snapshot, 0, null, 0, 0);
        if (length > _buffer.Length)
        {
            _buffer = new byte[length];
        }
        return (int)_reader.GetBytes(_snapshot, 0, _buffer, 0, length);
    }

    /// <summary>Npgsql gives any column's raw value as a stream; text's is UTF-8 (GetBytes takes bytea only).</summary>
    private int StreamBytes()
    {
        using var stream = _reader.GetStream(_snapshot);
        var length = 0;
        int read;
        while ((read = stream.Read(_buffer, length, _buffer.Length - length)) > 0)
        {
            length += read;
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
        return length;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        if (_sqlite)
        {
            // The connection goes back to the pool: the requests that get it next read as they always did.
            _command.CommandText = "PRAGMA mmap_size=0";
            _command.Parameters.Clear();
            await _command.ExecuteNonQueryAsync();
        }
        await _command.DisposeAsync();
    }
}
