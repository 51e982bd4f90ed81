using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Web.Hubs;

namespace Portal.Tests.Support;

/// <summary>A real SignalR client of /hubs/dispatch, authenticated by a sign-in cookie.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection _connection;

    public ConcurrentQueue<BoardChange> Board { get; } = new();

    public ConcurrentQueue<MyRequestChange> Mine { get; } = new();

    private HubListener(HubConnection connection)
    {
        _connection = connection;
        _connection.On<BoardChange>(nameof(IDispatchClient.BoardChanged), Board.Enqueue);
        _connection.On<MyRequestChange>(nameof(IDispatchClient.MyRequestChanged), Mine.Enqueue);
    }

    public HubConnection Connection => _connection;

    /// <summary>Over the in-memory test server (long polling carries the cookie header).</summary>
    public static async Task<HubListener> ConnectAsync(PortalFactory factory, string cookieHeader)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, DispatchHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (cookieHeader.Length > 0)
                {
                    o.Headers["Cookie"] = cookieHeader;
                }
            })
            .Build();
        var listener = new HubListener(connection);
        await connection.StartAsync();
        return listener;
    }

    /// <summary>Over a real socket to a node listening on a port.</summary>
    public static async Task<HubListener> ConnectAsync(string baseUrl, CookieContainer cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(baseUrl.TrimEnd('/') + DispatchHub.Path, o => o.Cookies = cookies)
            .WithAutomaticReconnect()
            .Build();
        var listener = new HubListener(connection);
        await connection.StartAsync();
        return listener;
    }

    public static async Task<T> WaitForAsync<T>(ConcurrentQueue<T> queue, Func<T, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var hit = queue.FirstOrDefault(match);
            if (hit is not null)
            {
                return hit;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The expected change did not arrive.");
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
