using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SmartFactory.Benchmarks;

/// <summary>
/// Fast inserts for seeding: plain ADO.NET multi-row <c>INSERT … VALUES (…), (…)</c> with parameters, on the
/// context's own connection. Table, columns, identifier quoting and the conversion of every value (enums, dates,
/// decimals, booleans) come from the EF model and the provider's type mappings, so the rows are exactly what EF
/// would write, and the SQL is the same for SQLite and PostgreSQL. Keys are set by the caller.
/// </summary>
public sealed class BulkInsert<T> where T : class
{
    private readonly string _table;
    private readonly IProperty[] _properties;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string _insertInto;
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
        _insertInto = $"INSERT INTO {sql.DelimitIdentifier(_table, entity.GetSchema())} ("
            + string.Join(", ", _properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) + ") VALUES ";
        // SQLite finds a named parameter by a linear search (sqlite3_bind_parameter_index), so binding costs the
        // square of the parameters per statement: about 100 per statement measured fastest (999 took twice as long).
        // PostgreSQL allows 65,535 and has no such cost.
        var maxParameters = db.Database.IsSqlite() ? 100 : 30_000;
        _rowsPerStatement = Math.Max(1, Math.Min(maxRowsPerStatement, maxParameters / _properties.Length));
    }

    public string Table => _table;

    public void Add(T row) => _pending.Add(row);

    /// <summary>Writes the pending rows in the transaction: full statements through one reused command (SQLite keeps its compiled statement), then the rest.</summary>
    public void Flush(DbConnection connection, DbTransaction transaction)
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
        Rows += _pending.Count;
        _pending.Clear();
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
    public static long NextId(DbConnection connection, DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MAX({sql.DelimitIdentifier("Id")}) FROM {sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())}";
        return command.ExecuteScalar() is { } max and not DBNull ? Convert.ToInt64(max, System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;
    }
}
