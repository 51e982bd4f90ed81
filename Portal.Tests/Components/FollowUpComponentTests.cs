using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.FollowUps;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.FollowUps;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Live;
using Portal.Web.Components.Pages.FollowUps;
using Portal.Web.Components.Pages.Requests;

namespace Portal.Tests.Components;

/// <summary>
/// The call panel and the rating form on their own. Their use cases are real objects; these tests
/// stop at the form's own checks, which must answer before anything is sent.
/// </summary>
public sealed class FollowUpComponentTests : PortalComponentContext
{
    private static readonly CurrentUser Desk = new("desk", "Li Na", new HashSet<string> { Roles.FrontDesk });

    public FollowUpComponentTests() : base("en")
    {
        // Never reached by these tests: the forms refuse before calling the database.
        var commands = new RequestCommands(null!, new LocalRequestFeed(NullLogger<LocalRequestFeed>.Instance), TimeProvider.System);
        Services.AddSingleton(new FollowUpCalls(commands));
        Services.AddSingleton(new RatingService(commands));
        AddAuthorization().SetAuthorized("Li Na").SetRoles(Roles.FrontDesk);
    }

    private static FollowUpItem Item(bool callableNow, int failed = 0) => new(
        12, "R261123-0012", RepairCategory.Plumbing, "Kitchen tap drips", "3", "1304", null, "Wang Li", "13800138000", "Liu Qiang",
        "Replaced the washer", new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero),
        false, callableNow, new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero), null, failed, 3,
        [new AttemptView(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), CallResult.NoAnswer, "Li Na", null, null, null)],
        "Asia/Shanghai", Guid.NewGuid());

    [Fact]
    public void The_call_panel_has_the_number_the_work_done_and_earlier_calls_on_one_screen()
    {
        var panel = Render<CallPanel>(p => p.Add(x => x.Item, Item(callableNow: true, failed: 1)));

        Assert.Equal("tel:13800138000", panel.Find("[data-testid=call-phone]").GetAttribute("href"));
        Assert.Contains("138 0013 8000", panel.Find("[data-testid=call-phone]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Replaced the washer", panel.Find("[data-testid=work-done]").TextContent.Trim());
        Assert.Contains("No answer", panel.Markup, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=outside-hours]"));
    }

    [Fact]
    public void Outside_calling_hours_the_panel_says_when_calling_is_allowed_again()
    {
        var panel = Render<CallPanel>(p => p.Add(x => x.Item, Item(callableNow: false)));
        // 01:00 UTC is 09:00 in Shanghai.
        Assert.Contains("Next allowed: Tue 24 Nov 09:00", panel.Find("[data-testid=outside-hours]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reached_call_without_an_outcome_is_refused_and_the_words_typed_stay()
    {
        var panel = Render<CallPanel>(p => p.Add(x => x.Item, Item(callableNow: true)));
        panel.Find("#resident-words").Change("It works now");

        panel.Find("[data-testid=call-save]").Click();

        Assert.Contains("Choose how it ended", panel.Find("[data-testid=call-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("It works now", panel.Find("#resident-words").GetAttribute("value") ?? panel.Find("#resident-words").TextContent);
    }

    [Fact]
    public void The_rating_form_asks_for_all_four_scores_in_the_users_language()
    {
        UseCulture("zh-CN");
        var form = Render<RatingPrompt>(p => p.Add(x => x.RequestId, 12).Add(x => x.Stamp, Guid.NewGuid()).Add(x => x.User, Desk).Add(x => x.OnBehalf, true));

        Assert.Contains("记录住户电话中给出的评分", form.Markup, StringComparison.Ordinal);
        Assert.Equal(4, form.FindAll(".mud-rating-root").Count);
        form.FindAll("[data-testid=rate-overall] .mud-rating-item")[4].Click();
        form.Find("[data-testid=rate-submit]").Click();

        Assert.Equal("请为四项都打分。", form.Find("[data-testid=rating-error]").TextContent.Trim());
    }
}
