using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace SmartFactory.Web.Data;

/// <summary>
/// A query translated once per database provider rather than on every call, for the reads of the busiest requests.
/// EF Core's compiled query keeps the translation for the first context it meets; one process may serve both providers
/// (the tests do), so each context type gets its own.
/// </summary>
public sealed class Compiled<TParam, TResult>(Expression<Func<AppDbContext, TParam, TResult>> query)
{
    private readonly ConcurrentDictionary<Type, Func<AppDbContext, TParam, Task<TResult>>> _byContext = new();

    public Task<TResult> RunAsync(AppDbContext db, TParam param) => _byContext.GetOrAdd(db.GetType(), _ => EF.CompileAsyncQuery(query))(db, param);
}
