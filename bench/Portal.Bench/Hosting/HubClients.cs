using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Bench.Hosting;

/// <summary>Real SignalR clients over WebSockets on loopback.</summary>
public static class HubClients
{
    public static HubConnection Build(Uri hubUrl, CookieContainer? cookies = null) =>
        new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, o =>
            {
                if (cookies is not null)
                {
                    o.Cookies = cookies;
                }
            })
            .Build();

    /// <summary>Starts every connection, one after the other, each within <paramref name="timeout"/>.</summary>
    public static async Task StartAllAsync(IEnumerable<HubConnection> connections, TimeSpan timeout, CancellationToken ct)
    {
        foreach (var connection in connections)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            await connection.StartAsync(limit.Token);
        }
    }

    /// <summary>Closes every connection; one that does not close within the timeout is abandoned.</summary>
    public static async Task StopAllAsync(IEnumerable<HubConnection> connections, TimeSpan timeout)
    {
        await Task.WhenAll(connections.Select(async c =>
        {
            try
            {
                await c.DisposeAsync().AsTask().WaitAsync(timeout);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // Abandoned: the process ends anyway.
            }
        }));
    }
}
