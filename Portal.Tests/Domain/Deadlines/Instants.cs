using Microsoft.Extensions.Time.Testing;

namespace Portal.Tests.Domain.Deadlines;

/// <summary>
/// The zones and instants the deadline tests share. Instants come from a fake clock set to a fixed UTC time,
/// the way the use cases pass TimeProvider's "now" in; local times are converted with the zone's own rules.
/// </summary>
internal static class Instants
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new FakeTimeProvider(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero)).GetUtcNow();

    /// <summary>The one instant at which the clocks of <paramref name="zone"/> show this time; it must exist and be unique.</summary>
    public static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute)
    {
        var wall = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall) || zone.IsAmbiguousTime(wall))
        {
            throw new ArgumentException($"{wall:s} is not a unique local time in {zone.Id}.");
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    public static TimeOnly T(int hour, int minute = 0) => new(hour, minute);
}
