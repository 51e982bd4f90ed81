namespace Portal.Infrastructure.Requests;

/// <summary>
/// The desk's own promise to a resident who files from the portal: a concrete time by which a
/// person will have looked at the request ("Portal:Desk").
/// </summary>
public sealed class DeskOptions
{
    public const string SectionName = "Portal:Desk";

    public TimeOnly Opens { get; set; } = new(8, 0);
    public TimeOnly Closes { get; set; } = new(20, 0);
    public int AcknowledgeWithinMinutes { get; set; } = 30;

    /// <summary>
    /// When the desk will have accepted a request filed at <paramref name="filedLocal"/> (estate
    /// time), rounded up to five minutes: people keep "by 08:20", not "by 08:19".
    /// </summary>
    public DateTime AcknowledgeBy(DateTime filedLocal)
    {
        var due = Unrounded(filedLocal);
        var step = TimeSpan.FromMinutes(5).Ticks;
        return new DateTime((due.Ticks + step - 1) / step * step, due.Kind);
    }

    private DateTime Unrounded(DateTime filedLocal)
    {
        var within = TimeSpan.FromMinutes(AcknowledgeWithinMinutes);
        var time = TimeOnly.FromDateTime(filedLocal);
        if (time >= Opens && time < Closes)
        {
            var due = filedLocal + within;
            var closing = filedLocal.Date + Closes.ToTimeSpan();
            return due <= closing ? due : closing.AddDays(1).Date + Opens.ToTimeSpan() + (due - closing);
        }

        var nextOpening = time < Opens ? filedLocal.Date + Opens.ToTimeSpan() : filedLocal.Date.AddDays(1) + Opens.ToTimeSpan();
        return nextOpening + within;
    }
}
