using Portal.Domain.Common;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

public sealed class LocationTests
{
    [Fact]
    public void A_unit_location_is_not_a_public_area_and_has_no_spot()
    {
        var location = Location.InUnit(1, 3, 1304);

        Assert.False(location.IsPublicArea);
        Assert.Equal(1, location.EstateId);
        Assert.Equal(3, location.BuildingId);
        Assert.Equal(1304, location.UnitId);
        Assert.Null(location.Spot);
    }

    [Fact]
    public void A_public_area_keeps_the_trimmed_spot_and_an_optional_building()
    {
        var inBuilding = Location.PublicArea(1, 3, "  Lobby, left of the mailboxes  ");
        var estateWide = Location.PublicArea(1, null, "North gate");

        Assert.True(inBuilding.IsPublicArea);
        Assert.Equal("Lobby, left of the mailboxes", inBuilding.Spot);
        Assert.Equal(3, inBuilding.BuildingId);
        Assert.Null(estateWide.BuildingId);
        Assert.Null(estateWide.UnitId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_public_area_needs_a_spot(string? spot)
    {
        var ex = Assert.Throws<DomainException>(() => Location.PublicArea(1, null, spot!));

        Assert.Equal("Location.SpotRequired", ex.Code);
    }

    [Fact]
    public void A_spot_may_have_200_characters_but_not_201()
    {
        Assert.Equal(200, Location.PublicArea(1, null, new string('a', 200)).Spot!.Length);

        var ex = Assert.Throws<DomainException>(() => Location.PublicArea(1, null, new string('a', 201)));
        Assert.Equal("Location.SpotTooLong", ex.Code);
        Assert.Equal(new object[] { 200 }, ex.Args);
    }

    [Fact]
    public void Locations_are_equal_by_value()
    {
        Assert.Equal(Location.InUnit(1, 3, 1304), Location.InUnit(1, 3, 1304));
        Assert.True(Location.InUnit(1, 3, 1304) == Location.InUnit(1, 3, 1304));
        Assert.Equal(Location.InUnit(1, 3, 1304).GetHashCode(), Location.InUnit(1, 3, 1304).GetHashCode());
        Assert.Equal(Location.PublicArea(1, 2, "Gym"), Location.PublicArea(1, 2, " Gym "));

        Assert.NotEqual(Location.InUnit(1, 3, 1304), Location.InUnit(1, 3, 1305));
        Assert.True(Location.PublicArea(1, 2, "Gym") != Location.PublicArea(1, null, "Gym"));
        Assert.False(Location.InUnit(1, 3, 1304).Equals(null));
    }
}

public sealed class TimeWindowTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_window_keeps_its_start_and_end()
    {
        var window = new TimeWindow(Nine, Nine.AddHours(3));

        Assert.Equal(Nine, window.Start);
        Assert.Equal(Nine.AddHours(3), window.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_end_must_be_after_the_start(int hours)
    {
        var ex = Assert.Throws<DomainException>(() => new TimeWindow(Nine, Nine.AddHours(hours)));

        Assert.Equal("TimeWindow.EndBeforeStart", ex.Code);
    }

    [Fact]
    public void Windows_are_equal_when_they_cover_the_same_instants_whatever_the_offset()
    {
        var shanghai = new TimeWindow(Nine, Nine.AddHours(3));
        var utc = new TimeWindow(Nine.ToUniversalTime(), Nine.AddHours(3).ToUniversalTime());

        Assert.Equal(shanghai, utc);
        Assert.Equal(shanghai.GetHashCode(), utc.GetHashCode());
        Assert.NotEqual(shanghai, new TimeWindow(Nine, Nine.AddHours(2)));
    }
}

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("19912345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("010-12345678")]
    [InlineData("01012345678")]
    [InlineData("0755-1234567")]
    [InlineData("0755 12345678")]
    [InlineData("+8613812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+1 415 555 0100")]
    [InlineData("+85212345678")]
    public void Dialable_numbers_are_valid(string number)
    {
        Assert.True(PhoneNumber.IsValid(number));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12812345678")]        // 12x is not a mobile prefix
    [InlineData("1381234567")]         // 10 digits
    [InlineData("138123456789")]       // 12 digits
    [InlineData("12345678")]           // landline without area code
    [InlineData("0101234567890")]      // landline too long
    [InlineData("+1234567")]           // international, 7 digits
    [InlineData("+1234567890123456")]  // international, 16 digits
    [InlineData("86+13812345678")]
    [InlineData("138l2345678")]
    [InlineData("１３８１２３４５６７８")] // full-width digits
    public void Other_strings_are_not(string? number)
    {
        Assert.False(PhoneNumber.IsValid(number));
    }

    [Theory]
    [InlineData(" 138 1234 5678 ", "13812345678")]
    [InlineData("+86 138-1234-5678", "+86138-1234-5678")]
    [InlineData("010 - 12345678", "010-12345678")]
    public void Normalize_strips_spaces_and_keeps_plus_and_dashes(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(input));
    }
}

public sealed class RequestNumberTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public void A_number_is_type_letter_local_date_and_padded_sequence()
    {
        Assert.Equal("R261123-0042", RequestNumber.Create(RequestType.Repair, Day, 42));
    }

    [Theory]
    [InlineData(RequestType.Repair, "R")]
    [InlineData(RequestType.Complaint, "C")]
    [InlineData(RequestType.Suggestion, "S")]
    [InlineData(RequestType.Inquiry, "Q")]
    [InlineData(RequestType.Praise, "P")]
    public void Each_type_has_its_letter(RequestType type, string letter)
    {
        Assert.Equal($"{letter}261123-0001", RequestNumber.Create(type, Day, 1));
    }

    [Fact]
    public void The_sequence_runs_from_1_to_9999()
    {
        Assert.Equal("R260105-0001", RequestNumber.Create(RequestType.Repair, new DateOnly(2026, 1, 5), 1));
        Assert.Equal("R261123-9999", RequestNumber.Create(RequestType.Repair, Day, 9999));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestNumber.Create(RequestType.Repair, Day, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestNumber.Create(RequestType.Repair, Day, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestNumber.Create(RequestType.Repair, Day, 10000));
    }
}
