using Bunit;
using Portal.Domain.Requests;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Requests;
using Portal.Web.Components.Pages.Requests;

namespace Portal.Tests.Components;

/// <summary>
/// The complaint / suggestion / question / praise form: it asks for a complaint's kind only for a
/// complaint, and offers "answered on the spot" only to the desk and only for what may be closed at once.
/// </summary>
public sealed class FeedbackFormTests : PortalComponentContext
{
    private static readonly HomeView Home = new(7, 3, 1, "Harbour View", "3", "1304", "Asia/Shanghai");

    private IRenderedComponent<FeedbackForm> RenderForm(RegisterDraft draft, bool byStaff) =>
        Render<FeedbackForm>(p => p
            .Add(x => x.Draft, draft)
            .Add(x => x.Homes, [Home])
            .Add(x => x.ByStaff, byStaff));

    private static bool AsksForKind(IRenderedComponent<FeedbackForm> form) => form.FindAll("[data-testid=complaint-kind]").Count == 1;

    private static bool OffersOnTheSpot(IRenderedComponent<FeedbackForm> form) => form.FindAll("#feedback-answer").Count == 1;

    [Theory]
    [InlineData(RequestType.Complaint, true, false)]
    [InlineData(RequestType.Suggestion, false, true)]
    [InlineData(RequestType.Inquiry, false, true)]
    [InlineData(RequestType.Praise, false, true)]
    public void The_desk_sees_the_kind_for_complaints_and_the_on_the_spot_answer_for_the_rest(RequestType type, bool kind, bool onTheSpot)
    {
        var form = RenderForm(new RegisterDraft { Type = type, UnitId = 7, EstateId = 1 }, byStaff: true);

        Assert.Equal(kind, AsksForKind(form));
        Assert.Equal(onTheSpot, OffersOnTheSpot(form));
    }

    [Theory]
    [InlineData(RequestType.Complaint, true)]
    [InlineData(RequestType.Suggestion, false)]
    [InlineData(RequestType.Inquiry, false)]
    [InlineData(RequestType.Praise, false)]
    public void A_resident_never_gets_the_on_the_spot_answer(RequestType type, bool kind)
    {
        var form = RenderForm(new RegisterDraft { Type = type, Channel = Channel.Portal, UnitId = 7, EstateId = 1 }, byStaff: false);

        Assert.Equal(kind, AsksForKind(form));
        Assert.False(OffersOnTheSpot(form));
    }

    [Fact]
    public void Switching_from_complaint_to_question_drops_the_kind_and_offers_the_answer_and_back_again()
    {
        var draft = new RegisterDraft { Type = RequestType.Complaint, UnitId = 7, EstateId = 1 };
        var form = RenderForm(draft, byStaff: true);
        Assert.Equal(Enum.GetValues<ComplaintKind>().Length, form.FindAll("[data-kind]").Count);
        form.Find($"[data-kind={ComplaintKind.EngineeringQuality}]").Click();
        Assert.Equal(ComplaintKind.EngineeringQuality, draft.ComplaintKind);

        form.Find($"[data-testid=feedback-type] [data-type={RequestType.Inquiry}]").Click();

        Assert.Equal(RequestType.Inquiry, draft.Type);
        Assert.Null(draft.ComplaintKind);
        Assert.False(AsksForKind(form));
        Assert.True(OffersOnTheSpot(form));

        form.Find($"[data-testid=feedback-type] [data-type={RequestType.Complaint}]").Click();

        Assert.Equal(RequestType.Complaint, draft.Type);
        Assert.True(AsksForKind(form));
        Assert.False(OffersOnTheSpot(form));
    }

    [Fact]
    public void The_kind_error_is_shown_beside_the_kinds()
    {
        var form = Render<FeedbackForm>(p => p
            .Add(x => x.Draft, new RegisterDraft { Type = RequestType.Complaint, UnitId = 7, EstateId = 1 })
            .Add(x => x.Homes, [Home])
            .Add(x => x.ByStaff, true)
            .Add(x => x.Errors, new Dictionary<string, string> { ["ComplaintKind"] = "Choose what the complaint is about." }));

        Assert.Equal("Choose what the complaint is about.", form.Find("[data-error-for=ComplaintKind]").TextContent.Trim());
    }
}
