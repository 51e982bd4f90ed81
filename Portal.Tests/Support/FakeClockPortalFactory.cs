using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Infrastructure.Deadlines;

namespace Portal.Tests.Support;

/// <summary>
/// The real app with a clock the test moves by hand. It starts at the real "now", to the minute, so
/// sign-in cookies and the key ring behave; tests move it forward with <see cref="Advance"/> or to a
/// local time with <see cref="AdvanceToLocal"/>.
/// </summary>
public sealed class FakeClockPortalFactory : PortalFactory
{
    public FakeClockPortalFactory()
    {
        var now = DateTimeOffset.UtcNow;
        Time = new FakeTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero));
        Clock = Time;
    }

    public FakeTimeProvider Time { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Moves on to the next <paramref name="day"/> at <paramref name="time"/> in the estate's zone (Asia/Shanghai).</summary>
    public DateTimeOffset AdvanceToLocal(DayOfWeek day, TimeOnly time)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTime(Now, zone);
        var date = DateOnly.FromDateTime(local.DateTime).AddDays(1);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }

        var target = new DateTimeOffset(date.ToDateTime(time), zone.GetUtcOffset(date.ToDateTime(time)));
        Time.SetUtcNow(target);
        return target;
    }

    /// <summary>
    /// The deadline watch, whose once-a-minute loop never wakes here: a step happens only when the test
    /// calls <see cref="DeadlineWatch.CheckAsync"/>, however far the clock is moved.
    /// </summary>
    public DeadlineWatch Watch => Services.GetRequiredService<DeadlineWatch>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<DeadlineWatch>();
            services.AddSingleton(sp => new DeadlineWatch(
                sp.GetRequiredService<IServiceScopeFactory>(), new NoTimerClock(Time), sp.GetRequiredService<ILogger<DeadlineWatch>>()));
        });
    }

    /// <summary>Tells the time of the test's clock but never fires a timer.</summary>
    private sealed class NoTimerClock(TimeProvider clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override long GetTimestamp() => clock.GetTimestamp();

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
