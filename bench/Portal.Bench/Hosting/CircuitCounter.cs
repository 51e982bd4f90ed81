using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Bench.Hosting;

/// <summary>
/// The app's live Blazor Server circuits, counted on the server: opened and not yet closed
/// (disposed), and of those, the ones whose connection is up. Fed by <see cref="CountingCircuitHandler"/>,
/// which <see cref="BenchApp"/> adds next to the app's own circuit handler when asked for (the memory
/// scenario); the app itself counts nothing.
/// </summary>
public sealed class CircuitCounter
{
    private int _open;
    private int _connected;
    private int _opened;
    private int _closed;
    private int _connectionDowns;

    /// <summary>Circuits opened and not yet closed (a disconnected circuit still held by the server counts).</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Open circuits whose connection is up.</summary>
    public int Connected => Volatile.Read(ref _connected);

    public int Opened => Volatile.Read(ref _opened);

    public int Closed => Volatile.Read(ref _closed);

    /// <summary>Times a circuit's connection went down (a closed page, a dropped WebSocket, a timeout).</summary>
    public int ConnectionDowns => Volatile.Read(ref _connectionDowns);

    public override string ToString() =>
        $"{Open} open ({Connected} connected); {Opened} opened, {Closed} closed, {ConnectionDowns} connection downs in all";

    internal void OnOpened()
    {
        Interlocked.Increment(ref _opened);
        Interlocked.Increment(ref _open);
    }

    internal void OnUp() => Interlocked.Increment(ref _connected);

    internal void OnDown(bool wasUp)
    {
        Interlocked.Increment(ref _connectionDowns);
        if (wasUp)
        {
            Interlocked.Decrement(ref _connected);
        }
    }

    internal void OnClosed()
    {
        Interlocked.Increment(ref _closed);
        Interlocked.Decrement(ref _open);
    }

    /// <summary>Polls until <paramref name="done"/> holds; false if it still does not after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(Func<CircuitCounter, bool> done, TimeSpan timeout, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        while (!done(this))
        {
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                return false;
            }

            await Task.Delay(100, ct);
        }

        return true;
    }
}

/// <summary>
/// One per circuit (scoped), beside the app's <c>CircuitConnection</c>: Blazor calls every registered
/// <see cref="CircuitHandler"/>. It holds nothing but a reference to the shared counter.
/// </summary>
internal sealed class CountingCircuitHandler(CircuitCounter counter) : CircuitHandler
{
    private bool _up;

    public override int Order => int.MaxValue;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.OnOpened();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_up)
        {
            _up = true;
            counter.OnUp();
        }

        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.OnDown(_up);
        _up = false;
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_up)
        {
            _up = false;
            counter.OnDown(wasUp: true);
        }

        counter.OnClosed();
        return Task.CompletedTask;
    }
}
