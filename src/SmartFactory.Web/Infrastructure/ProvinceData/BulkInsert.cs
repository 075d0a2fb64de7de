using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SmartFactory.Web.Infrastructure.ProvinceData;

/// <summary>
/// Fast inserts for seeding, on the context's own connection and transaction: on SQLite plain ADO.NET multi-row
/// <c>INSERT … VALUES (…), (…)</c> through one reused prepared command; on PostgreSQL binary <c>COPY … FROM STDIN</c>
/// (Npgsql's <see cref="NpgsqlConnection.BeginBinaryImport"/>). Table, columns, identifier quoting and the conversion
/// of every value (enums, dates, decimals, booleans) come from the EF model and the provider's type mappings, so the
/// rows are exactly what EF would write. Rows are held only until the next <see cref="Flush"/>. Keys are set by the caller.
/// </summary>
public sealed class BulkInsert<T> where T : class
{
    private readonly string _table;
    private readonly IProperty[] _properties;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string _insertInto;
    private readonly string _copyFrom;

    /// <summary>The PostgreSQL type of each column without its modifiers ("numeric(5,2)" is written as "numeric").</summary>
    private readonly string[] _dataTypes;
    private readonly int _rowsPerStatement;
    private readonly List<T> _pending = [];
    private DbCommand? _full;

    public long Rows { get; private set; }

    public BulkInsert(DbContext db, int maxRowsPerStatement = 1000)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        _table = entity.GetTableName()!;
        var table = StoreObjectIdentifier.Table(_table, entity.GetSchema());
        _properties = entity.GetProperties().ToArray();
        if (_properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{shadow.Name} is a shadow property; BulkInsert writes CLR properties only.");
        }
        _mappings = _properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", _properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        _insertInto = $"INSERT INTO {sql.DelimitIdentifier(_table, entity.GetSchema())} ({columns}) VALUES ";
        _copyFrom = $"COPY {sql.DelimitIdentifier(_table, entity.GetSchema())} ({columns}) FROM STDIN (FORMAT BINARY)";
        _dataTypes = _mappings.Select(m => m.StoreType.Split('(')[0]).ToArray();
        // SQLite finds a named parameter by a linear search (sqlite3_bind_parameter_index), so binding costs the
        // square of the parameters per statement: about 100 per statement measured fastest (999 took twice as long).
        // PostgreSQL allows 65,535 and has no such cost.
        var maxParameters = db.Database.IsSqlite() ? 100 : 30_000;
        _rowsPerStatement = Math.Max(1, Math.Min(maxRowsPerStatement, maxParameters / _properties.Length));
    }

    public string Table => _table;

    public void Add(T row) => _pending.Add(row);

    /// <summary>Writes the pending rows in the transaction and forgets them.</summary>
    public void Flush(DbConnection connection, DbTransaction transaction)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            Copy(npgsql);
        }
        else
        {
            Insert(connection, transaction);
        }
        Rows += _pending.Count;
        _pending.Clear();
    }

    /// <summary>Binary COPY: no SQL to parse and no parameters; Npgsql joins the connection's open transaction by itself.</summary>
    private void Copy(NpgsqlConnection connection)
    {
        using var importer = connection.BeginBinaryImport(_copyFrom);
        foreach (var row in _pending)
        {
            importer.StartRow();
            for (var c = 0; c < _properties.Length; c++)
            {
                var value = ToProvider(c, _properties[c].GetGetter().GetClrValue(row));
                if (value is DBNull)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, _dataTypes[c]);
                }
            }
        }
        importer.Complete();
    }

    /// <summary>Full statements through one reused command (SQLite keeps its compiled statement), then the rest.</summary>
    private void Insert(DbConnection connection, DbTransaction transaction)
    {
        var done = 0;
        while (_pending.Count - done >= _rowsPerStatement)
        {
            _full ??= Create(connection, _rowsPerStatement);
            Execute(_full, transaction, done, _rowsPerStatement);
            done += _rowsPerStatement;
        }
        if (done < _pending.Count)
        {
            using var rest = Create(connection, _pending.Count - done);
            Execute(rest, transaction, done, _pending.Count - done);
        }
    }

    private DbCommand Create(DbConnection connection, int rows)
    {
        var command = connection.CreateCommand();
        var text = new StringBuilder(_insertInto);
        var columns = _properties.Length;
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                text.Append(c == 0 ? "@p" : ", @p").Append(r * columns + c);
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }

    private void Execute(DbCommand command, DbTransaction transaction, int from, int rows)
    {
        command.Transaction = transaction;
        var columns = _properties.Length;
        var first = command.Parameters.Count == 0;
        for (var r = 0; r < rows; r++)
        {
            var row = _pending[from + r];
            for (var c = 0; c < columns; c++)
            {
                var value = _properties[c].GetGetter().GetClrValue(row);
                if (first)
                {
                    // The provider's mapping converts the value and sets the parameter's type, as EF's own commands do.
                    command.Parameters.Add(_mappings[c].CreateParameter(command, $"@p{r * columns + c}", value, _properties[c].IsNullable));
                }
                else
                {
                    command.Parameters[r * columns + c].Value = ToProvider(c, value);
                }
            }
        }
        command.ExecuteNonQuery();
    }

    private object ToProvider(int column, object? value)
    {
        if (value is null)
        {
            return DBNull.Value;
        }
        var converter = _mappings[column].Converter;
        if (converter is not null)
        {
            return converter.ConvertToProvider(value) ?? DBNull.Value;
        }
        return value is Enum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value;
    }

    /// <summary>The next free key of the table (1 when empty); keys are assigned by the seeder so children can point at parents.</summary>
    public static long NextId(DbConnection connection, DbTransaction? transaction, DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT MAX({sql.DelimitIdentifier("Id")}) FROM {sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())}";
        return command.ExecuteScalar() is { } max and not DBNull ? Convert.ToInt64(max, System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;
    }
}
