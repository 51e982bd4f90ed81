namespace Portal.Infrastructure.Live;

/// <summary>
/// The in-process feed of request changes. Use cases publish after they save; components and the
/// SignalR relay subscribe. With Redis configured, every node's feed carries every node's changes.
/// </summary>
public interface IRequestFeed
{
    Task PublishAsync(RequestChanged change, CancellationToken ct = default);

    /// <summary>
    /// Subscribes until the returned handle is disposed. <paramref name="onResync"/> is called when
    /// changes may have been missed (e.g. the link between nodes came back): reload from the database.
    /// </summary>
    IDisposable Subscribe(Func<RequestChanged, Task> onChange, Func<Task>? onResync = null);
}
