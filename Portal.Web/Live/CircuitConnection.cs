using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Live;

/// <summary>
/// Tells the components of one circuit when the browser's connection came back, so a board that
/// was cut off reloads the current state by itself instead of trusting what it last saw.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private bool _wasDown;

    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_wasDown || Reconnected is null)
        {
            return Task.CompletedTask;
        }

        _wasDown = false;
        return Reconnected.Invoke();
    }
}
