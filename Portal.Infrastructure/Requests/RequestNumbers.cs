using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Hands out the human-friendly numbers residents read out on the phone ("R261123-0042"):
/// a per-day counter row saved together with the new request. The counter is a concurrency token,
/// so two filings racing for the same number make one of them fail and retry; a number is never
/// used twice and a failed filing gives its number back.
/// </summary>
public sealed class RequestNumbers(WriteGate gate, IDbContextFactory<PortalDbContext> factory)
{
    private const int Attempts = 5;

    /// <summary>
    /// Runs a filing that takes a number: inside one section of the write gate, so that no other
    /// filing of this node takes the same number between the read and the save; and again, with the
    /// next number, when another node or process took it first (the save then fails).
    /// </summary>
    public async Task<T> FileAsync<T>(Func<Task<T>> filing, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (await gate.EnterAsync(ct))
                {
                    return await filing();
                }
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Lost the race for the day's number; the next attempt reads the counter afresh.
            }
        }
    }

    /// <summary>
    /// The write half of a filing, given a fresh context: take the number, build the request, save.
    /// Everything that only reads (the resident's homes, the checks, the estate's deadline schedule)
    /// belongs before this call, so the section that other filings wait for stays short. The filing
    /// runs under the provider's execution strategy with a new context per try, so it may open its
    /// own transaction on SQL Server's retrying strategy too.
    /// </summary>
    public Task<T> FileAsync<T>(Func<PortalDbContext, Task<T>> filing, CancellationToken ct) =>
        FileAsync(async () =>
        {
            await using var first = await factory.CreateDbContextAsync(ct);
            var tries = 0;
            return await first.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                if (tries++ == 0)
                {
                    return await filing(first);
                }

                await using var again = await factory.CreateDbContextAsync(ct);
                return await filing(again);
            });
        }, ct);

    public async Task<string> NextAsync(PortalDbContext db, RequestType type, DateOnly localDate, CancellationToken ct)
    {
        var key = RequestNumber.Create(type, localDate, 1)[..7];
        var counter = await CounterOf(db, key, ct);
        if (counter is null)
        {
            counter = new RequestNumberCounter { Key = key, Last = 0 };
            db.RequestNumberCounters.Add(counter);
        }

        counter.Last++;
        return RequestNumber.Create(type, localDate, counter.Last);
    }

    // Compiled: it runs inside the write section, which every filing waits for.
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<RequestNumberCounter?>> CounterOf =
        EF.CompileAsyncQuery((PortalDbContext db, string key, CancellationToken ct) => db.RequestNumberCounters.FirstOrDefault(c => c.Key == key));
}
