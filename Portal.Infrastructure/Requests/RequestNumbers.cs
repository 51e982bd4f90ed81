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
public sealed class RequestNumbers
{
    public async Task<string> NextAsync(PortalDbContext db, RequestType type, DateOnly localDate, CancellationToken ct)
    {
        var key = RequestNumber.Create(type, localDate, 1)[..7];
        var counter = await db.RequestNumberCounters.FirstOrDefaultAsync(c => c.Key == key, ct);
        if (counter is null)
        {
            counter = new RequestNumberCounter { Key = key, Last = 0 };
            db.RequestNumberCounters.Add(counter);
        }

        counter.Last++;
        return RequestNumber.Create(type, localDate, counter.Last);
    }
}
