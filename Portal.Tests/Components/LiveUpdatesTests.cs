using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Requests;
using Portal.Infrastructure.Live;
using Portal.Web.Components.Shared;
using Portal.Web.Live;

namespace Portal.Tests.Components;

/// <summary>The subscription life cycle every live page relies on.</summary>
public sealed class LiveUpdatesTests : PortalComponentContext
{
    private readonly LocalRequestFeed _feed = new(NullLogger<LocalRequestFeed>.Instance);
    private readonly CircuitConnection _connection = new();

    public LiveUpdatesTests()
    {
        Services.AddSingleton<IRequestFeed>(_feed);
        Services.AddSingleton(_connection);
    }

    private static RequestChanged Change(int id) =>
        new(id, $"R261123-{id:0000}", 1, "resident", null, RequestStatus.Accepted, Priority.Normal, TimelineEvent.Accepted, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Delivers_only_what_the_page_asked_for_and_stops_when_the_page_goes()
    {
        var seen = new List<int>();
        var live = Render<LiveUpdates>(p => p
            .Add(x => x.Filter, c => c.RequestId == 7)
            .Add(x => x.OnChange, c => seen.Add(c.RequestId)));
        Assert.Equal(1, _feed.SubscriberCount);

        await _feed.PublishAsync(Change(7));
        await _feed.PublishAsync(Change(8));
        live.WaitForAssertion(() => Assert.Equal([7], seen));

        await Renderer.DisposeComponents();
        Assert.Equal(0, _feed.SubscriberCount);
        await _feed.PublishAsync(Change(7));
        Assert.Equal([7], seen);
    }

    [Fact]
    public async Task A_reconnected_browser_makes_the_page_reload()
    {
        var resyncs = 0;
        var live = Render<LiveUpdates>(p => p
            .Add(x => x.Filter, _ => true)
            .Add(x => x.OnResync, () => resyncs++));

        await _connection.OnConnectionUpAsync(null!, default); // up without a drop: nothing missed
        Assert.Equal(0, resyncs);

        await _connection.OnConnectionDownAsync(null!, default);
        await _connection.OnConnectionUpAsync(null!, default);
        live.WaitForAssertion(() => Assert.Equal(1, resyncs));
    }
}

public sealed class LiveUpdatesCultureTests : PortalComponentContext
{
    private readonly LocalRequestFeed _feed = new(NullLogger<LocalRequestFeed>.Instance);

    public LiveUpdatesCultureTests() : base("zh-CN")
    {
        Services.AddSingleton<IRequestFeed>(_feed);
        Services.AddSingleton(new CircuitConnection());
    }

    [Fact]
    public async Task A_change_published_by_someone_in_another_language_renders_in_the_readers_own()
    {
        string? cultureSeen = null;
        var live = Render<LiveUpdates>(p => p
            .Add(x => x.Filter, _ => true)
            .Add(x => x.OnChange, _ => cultureSeen = System.Globalization.CultureInfo.CurrentUICulture.Name));

        // The desk, in English, publishes from its own thread.
        await Task.Run(async () =>
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            await _feed.PublishAsync(new RequestChanged(1, "R261123-0001", 1, "r", null, RequestStatus.Accepted, Priority.Normal, TimelineEvent.Accepted, DateTimeOffset.UtcNow));
        });

        live.WaitForAssertion(() => Assert.Equal("zh-CN", cultureSeen));
    }
}
