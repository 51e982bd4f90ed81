using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Bench.Hosting;

/// <summary>
/// How long the app's database work took, by kind: BEGIN (for SQLite: BEGIN IMMEDIATE, which waits
/// for the write lock), each command by its first keyword, COMMIT. Added to the app's DbContext
/// options by <see cref="BenchApp"/> when asked for (the intake scenario), as an EF interceptor; the
/// app's own code and configuration are unchanged. Durations are EF's own (<c>eventData.Duration</c>).
/// </summary>
public sealed class DatabaseTimings : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private ConcurrentQueue<(string Kind, double Ms)> _samples = new();

    public IReadOnlyList<(string Kind, double Ms)> Snapshot() => [.. _samples];

    public void Reset() => Interlocked.Exchange(ref _samples, new ConcurrentQueue<(string Kind, double Ms)>());

    private void Add(string kind, TimeSpan duration) => _samples.Enqueue((kind, duration.TotalMilliseconds));

    private static string Kind(DbCommand command)
    {
        var text = command.CommandText.AsSpan().TrimStart();
        var end = text.IndexOfAny(' ', '\n', '\r');
        var verb = (end < 0 ? text : text[..end]).ToString().ToUpperInvariant();
        return command.Transaction is null ? $"{verb} (own transaction)" : $"{verb} (in BEGIN…COMMIT)";
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Add(Kind(command), eventData.Duration);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Add(Kind(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Add(Kind(command), eventData.Duration);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Add(Kind(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Add(Kind(command), eventData.Duration);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Add(Kind(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Add("BEGIN", eventData.Duration);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Add("BEGIN", eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Add("COMMIT", eventData.Duration);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Add("COMMIT", eventData.Duration);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Add("ROLLBACK", eventData.Duration);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Add("ROLLBACK", eventData.Duration);
        return Task.CompletedTask;
    }
}
