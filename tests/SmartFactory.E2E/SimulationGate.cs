using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SmartFactory.Web.Data;

namespace SmartFactory.E2E;

/// <summary>
/// Holds back the simulation runner of one app: while closed, a save that changes a <see cref="SimulationRun"/> (the
/// runner's progress and its final result) waits until <see cref="Open"/>. A simulation over a test's few submissions
/// finishes before the browser has followed the redirect, so without this the progress bar would never be on screen.
/// The start (which adds the run) is not held, and nothing is held inside a transaction: EF Core announces
/// SaveChangesStarting through its DiagnosticListener before it opens one. The app runs in this process, so the
/// listener sees its contexts; only contexts over <paramref name="folder"/>'s database are held.
/// </summary>
public sealed class SimulationGate : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _folder;
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;
    private int _held;

    public SimulationGate(string folder)
    {
        _folder = folder;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>The runner's saves done while it was closed: one means a simulation got to its first progress save and waited.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == CoreEventId.SaveChangesStarting.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (_open.IsSet || value.Value is not DbContextEventData { Context: { } db }
            || db.Database.GetConnectionString()?.Contains(_folder, StringComparison.Ordinal) != true
            || !db.ChangeTracker.Entries<SimulationRun>().Any(e => e.State == EntityState.Modified))
        {
            return;
        }
        Interlocked.Increment(ref _held);
        // A test that fails while the gate is closed must not leave the runner waiting for ever.
        _open.Wait(TimeSpan.FromMinutes(5));
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        Open();
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
