using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Bench.Hosting;

/// <summary>
/// Counts the warnings and errors the app logs, by category, event and exception (the innermost
/// one's type and, for SQLite, its error code), so a scenario can tell what went wrong inside the
/// app: a "database is locked" that was retried away, one that reached a caller as a 500, a lost
/// race for a request number. Read by the intake scenario; the other scenarios ignore it.
/// </summary>
public sealed class AppLogTally
{
    public const string EfUpdateCategory = "Microsoft.EntityFrameworkCore.Update";

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _databaseLocked;

    /// <summary>Log entries at Warning or above, by "level category [event] exception".</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    /// <summary>Entries whose message or exception chain mentions "database is locked" (SQLITE_BUSY).</summary>
    public int DatabaseLocked => Volatile.Read(ref _databaseLocked);

    public void Reset()
    {
        _counts.Clear();
        Interlocked.Exchange(ref _databaseLocked, 0);
    }

    internal void Record(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var innermost = exception;
        while (innermost?.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        var what = innermost switch
        {
            null => "",
            Microsoft.Data.Sqlite.SqliteException sqlite => $" {sqlite.GetType().Name}(SQLite error {sqlite.SqliteErrorCode})",
            _ when !ReferenceEquals(innermost, exception) => $" {exception!.GetType().Name} → {innermost.GetType().Name}",
            _ => $" {innermost.GetType().Name}",
        };
        var key = $"{level} {category} [{(eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))}]{what}";
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

        if (Mentions(message) || Chain(exception).Any(e => Mentions(e.Message)))
        {
            Interlocked.Increment(ref _databaseLocked);
        }
    }

    private static bool Mentions(string? text) => text?.Contains("database is locked", StringComparison.OrdinalIgnoreCase) == true;

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}

/// <summary>Feeds <see cref="AppLogTally"/> from the app's logging, next to the console.</summary>
internal sealed class AppLogTallyProvider(AppLogTally tally) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(tally, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(AppLogTally tally, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // EF logs a lost optimistic-concurrency race (the request-number counter) at Debug only.
        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Warning || (logLevel >= LogLevel.Debug && category == AppLogTally.EfUpdateCategory);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning || eventId.Name?.EndsWith("OptimisticConcurrencyException", StringComparison.Ordinal) == true)
            {
                tally.Record(logLevel, category, eventId, formatter(state, exception), exception);
            }
        }
    }
}
