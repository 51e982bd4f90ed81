using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Infrastructure.Data;

/// <summary>
/// One writer at a time, in the process, for the embedded SQLite database. SQLite lets one writer in
/// and answers the others "busy"; Microsoft.Data.Sqlite then blocks a thread for 150 ms per try. Under
/// concurrent filings that made the waits, not the work, set the pace (see docs/benchmarks.md,
/// "Intake throughput"). Waiting here instead costs no thread and no fixed sleep, and a read-then-write
/// section (the day's request number) entered with <see cref="EnterAsync"/> can no longer lose a race
/// to another filing of this node. Every <c>SaveChanges</c> passes the gate through
/// <see cref="WriteGateInterceptor"/>; one already inside a section does not wait again. For SQL Server
/// the gate stays open: the server has row locks, and several nodes write at once.
/// </summary>
public sealed class WriteGate(bool enabled)
{
    private static readonly AsyncLocal<Holder?> Current = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static WriteGate Open { get; } = new(enabled: false);

    public bool Enabled { get; } = enabled;

    /// <summary>True when this flow is inside a section (its SaveChanges need not wait).</summary>
    internal static bool HeldHere => Current.Value is { Released: false };

    /// <summary>
    /// Enters a section; dispose the handle right after the write. Deliberately not <c>async</c>: the
    /// mark that this flow holds the gate must reach the caller's own continuation.
    /// </summary>
    public Task<IDisposable> EnterAsync(CancellationToken ct = default)
    {
        if (!Enabled || HeldHere)
        {
            return Task.FromResult<IDisposable>(Holder.None);
        }

        var holder = new Holder(this);
        Current.Value = holder;
        return AcquireAsync(holder, ct);
    }

    /// <summary>
    /// Longest wait for the gate. Writes hold it for milliseconds; should a permit ever be lost, the
    /// writer goes on without the gate after this (SQLite's own lock still keeps the data right)
    /// rather than the whole app stopping.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    internal async Task<IDisposable> AcquireForSaveAsync(CancellationToken ct) =>
        await _gate.WaitAsync(LongestWait, ct) ? new Holder(this) : Holder.None;

    private async Task<IDisposable> AcquireAsync(Holder holder, CancellationToken ct)
    {
        try
        {
            if (!await _gate.WaitAsync(LongestWait, ct))
            {
                holder.Released = true;
                return Holder.None;
            }

            return holder;
        }
        catch
        {
            holder.Released = true;
            throw;
        }
    }

    private sealed class Holder(WriteGate? gate) : IDisposable
    {
        public static readonly Holder None = new(null) { Released = true };

        public bool Released { get; set; }

        public void Dispose()
        {
            if (gate is null || Released)
            {
                return;
            }

            Released = true;
            gate._gate.Release();
        }
    }
}

/// <summary>Lets every SaveChanges of a SQLite context through the <see cref="WriteGate"/>.</summary>
internal sealed class WriteGateInterceptor(WriteGate gate) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDisposable> _held = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (gate.Enabled && !WriteGate.HeldHere && eventData.Context is { } context)
        {
            _held.AddOrUpdate(context, await gate.AcquireForSaveAsync(cancellationToken));
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (gate.Enabled && !WriteGate.HeldHere && eventData.Context is { } context)
        {
            _held.AddOrUpdate(context, gate.AcquireForSaveAsync(CancellationToken.None).GetAwaiter().GetResult());
        }

        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    // A lost optimistic-concurrency race is reported here, not as a failed save.
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData.Context);
        return result;
    }

    private void Release(DbContext? context)
    {
        if (context is not null && _held.TryGetValue(context, out var handle))
        {
            _held.Remove(context);
            handle.Dispose();
        }
    }
}
