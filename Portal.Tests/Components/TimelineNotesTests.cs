using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Web.Localization;
using Portal.Web.Resources;

namespace Portal.Tests.Components;

/// <summary>Notes the rules write themselves read in the reader's language; typed words stay as typed.</summary>
public sealed class TimelineNotesTests() : PortalComponentContext("zh-CN")
{
    private IStringLocalizer<SharedResource> L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Theory]
    [InlineData("Reached", "已接通")]
    [InlineData("No answer (2/3)", "无人接听（2/3）")]
    [InlineData("Wrong number (1/3) — outside calling hours: urgent", "号码错误（1/3） — 非回访时段：紧急")]
    [InlineData("Call back later: 2026-11-24 10:00 — after school", "约定稍后回电：2026-11-24 10:00 — after school")]
    [InlineData("Not reached after 3 failed calls: rating invitation sent to the portal", "3 次未接通：已在线上邀请住户评价")]
    [InlineData("Low rating ★2: the supervisor responds within 24 hours", "低分评价 ★2：主管须在 24 小时内处理")]
    [InlineData("★5 — recorded by staff", "★5 — 工作人员代录")]
    [InlineData("Quote declined: too expensive", "住户拒绝报价: too expensive")]
    [InlineData("Replaced the tap washer", "Replaced the tap washer")]
    public void Rule_written_notes_are_translated(string note, string expected) =>
        Assert.Equal(expected, TimelineNotes.Localize(L, note));
}

/// <summary>Keeps the translations above in step with the notes the domain really writes.</summary>
public sealed class TimelineNotesFromTheDomainTests() : PortalComponentContext("zh-CN")
{
    [Fact]
    public void Every_call_note_the_rules_write_is_translated()
    {
        var l = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IStringLocalizer<SharedResource>>(Services);
        var request = new Portal.Tests.Domain.ServiceRequestBuilder().InStatus(Portal.Domain.Requests.RequestStatus.Completed).Build();
        var policy = Portal.Tests.Domain.ServiceRequestBuilder.Policy;
        var at = policy.CallingHours.NextAllowed(request.CompletedAt!.Value.AddHours(1), policy.Zone);
        var desk = Portal.Tests.Domain.Actors.Desk;
        request.LogCallAttempt(desk, at, Portal.Domain.FollowUps.CallResult.NoAnswer, policy);
        request.LogCallAttempt(desk, at.AddMinutes(5), Portal.Domain.FollowUps.CallResult.WrongNumber, policy);
        request.LogCallAttempt(desk, at.AddMinutes(10), Portal.Domain.FollowUps.CallResult.NoAnswer, policy);
        request.Rate(Portal.Tests.Domain.Actors.Desk, at.AddMinutes(20), new Portal.Domain.Ratings.RatingScores(1, 1, 1, 1, null));

        var notes = request.Timeline.Where(t => t.Note is not null && t.Event is not Portal.Domain.Requests.TimelineEvent.Completed and not Portal.Domain.Requests.TimelineEvent.Dispatched and not Portal.Domain.Requests.TimelineEvent.ButlerInformed)
            .Select(t => TimelineNotes.Localize(l, t.Note)!).ToList();
        Assert.True(notes.Count >= 5, string.Join(" | ", notes));
        Assert.All(notes, n => Assert.DoesNotMatch("No answer|Wrong number|Not reached|Low rating|recorded by staff", n));
    }
}
