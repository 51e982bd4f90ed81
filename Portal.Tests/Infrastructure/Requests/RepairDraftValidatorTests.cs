using Portal.Domain.Requests;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Requests;

namespace Portal.Tests.Infrastructure.Requests;

public sealed class RepairDraftValidatorTests
{
    private static readonly HomeView Home = new(UnitId: 7, BuildingId: 3, EstateId: 1, "Harbour View", "3", "1304", "Asia/Shanghai");
    private static readonly DateTime Now = new(2026, 11, 23, 15, 0, 0);

    private static RepairDraft Valid() => new()
    {
        Category = RepairCategory.AirConditioning,
        UnitId = 7,
        EstateId = 1,
        Description = "Bedroom air-conditioner leaking",
        ContactName = "Wang Li",
        ContactPhone = "13800138000",
    };

    private static IReadOnlyList<(string Field, string Code)> Errors(RepairDraft draft) =>
        RepairDraftValidator.Validate(draft, [Home], Now, maxPhotos: 5).Select(e => (e.Field, e.Code)).ToList();

    [Fact]
    public void A_complete_draft_is_valid() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void An_empty_draft_names_every_missing_field()
    {
        var errors = Errors(new RepairDraft());
        Assert.Contains(("Category", "CategoryRequired"), errors);
        Assert.Contains(("UnitId", "UnitRequired"), errors);
        Assert.Contains(("Description", "DescriptionRequired"), errors);
        Assert.Contains(("ContactName", "ContactNameRequired"), errors);
        Assert.Contains(("ContactPhone", "PhoneRequired"), errors);
    }

    [Fact]
    public void Another_residents_unit_is_refused()
    {
        var draft = Valid();
        draft.UnitId = 99;
        Assert.Contains(("UnitId", "UnitNotYours"), Errors(draft));
    }

    [Theory]
    [InlineData("leak", "DescriptionTooShort")]
    [InlineData("   ", "DescriptionRequired")]
    public void Description_rules(string description, string code)
    {
        var draft = Valid();
        draft.Description = description;
        Assert.Contains(("Description", code), Errors(draft));
    }

    [Fact]
    public void Description_over_the_limit_is_refused_with_the_limit()
    {
        var draft = Valid();
        draft.Description = new string('x', ServiceRequest.MaxDescriptionLength + 1);
        var error = Assert.Single(RepairDraftValidator.Validate(draft, [Home], Now, 5));
        Assert.Equal("DescriptionTooLong", error.Code);
        Assert.Equal(ServiceRequest.MaxDescriptionLength, error.Args[0]);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("not a phone")]
    [InlineData("2380013800")]
    public void A_bad_phone_is_refused(string phone)
    {
        var draft = Valid();
        draft.ContactPhone = phone;
        Assert.Contains(("ContactPhone", "PhoneInvalid"), Errors(draft));
    }

    [Fact]
    public void A_public_area_needs_a_spot_in_the_residents_estate()
    {
        var draft = Valid();
        draft.InPublicArea = true;
        draft.Spot = " ";
        Assert.Contains(("Spot", "SpotRequired"), Errors(draft));

        draft.Spot = "Lift lobby, 2nd floor";
        draft.EstateId = 42;
        Assert.Contains(("EstateId", "EstateRequired"), Errors(draft));

        draft.EstateId = 1;
        Assert.Empty(Errors(draft));
    }

    [Fact]
    public void Preferred_day_must_be_today_or_within_thirty_days_and_not_a_passed_slot()
    {
        var draft = Valid();
        draft.PreferredDate = Now.Date.AddDays(-1);
        Assert.Contains(("PreferredDate", "DateInPast"), Errors(draft));

        draft.PreferredDate = Now.Date.AddDays(31);
        Assert.Contains(("PreferredDate", "DateTooFar"), Errors(draft));

        draft.PreferredDate = Now.Date;
        draft.Slot = PreferredSlot.Morning; // 09–12, and it is 15:00
        Assert.Contains(("Slot", "SlotPassed"), Errors(draft));

        draft.Slot = PreferredSlot.Evening;
        Assert.Empty(Errors(draft));
    }

    [Fact]
    public void More_photos_than_allowed_are_refused()
    {
        var draft = Valid();
        draft.PhotoIds = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid())];
        Assert.Contains(("PhotoIds", "TooManyPhotos"), Errors(draft));
    }
}
