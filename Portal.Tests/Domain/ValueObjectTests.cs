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

public sealed class AssigneeTests
{
    [Fact]
    public void A_technician_has_his_id_and_trimmed_name()
    {
        var assignee = Assignee.Technician("tech-chen", "  Chen Gang ");

        Assert.Equal("tech-chen", assignee.TechnicianId);
        Assert.Equal("Chen Gang", assignee.Name);
        Assert.False(assignee.IsTeam);
    }

    [Fact]
    public void A_team_has_a_name_and_no_technician()
    {
        var assignee = Assignee.Team(" Plumbing team ");

        Assert.Null(assignee.TechnicianId);
        Assert.Equal("Plumbing team", assignee.Name);
        Assert.True(assignee.IsTeam);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_name_is_required(string? name)
    {
        Assert.Equal("Request.AssigneeRequired", Assert.Throws<DomainException>(() => Assignee.Team(name!)).Code);
        Assert.Equal("Request.AssigneeRequired", Assert.Throws<DomainException>(() => Assignee.Technician("tech-chen", name!)).Code);
    }

    [Fact]
    public void A_name_may_have_100_characters_but_not_101()
    {
        Assert.Equal(100, Assignee.Team(new string('a', 100)).Name.Length);

        var ex = Assert.Throws<DomainException>(() => Assignee.Technician("tech-chen", new string('a', 101)));
        Assert.Equal("Request.AssigneeTooLong", ex.Code);
        Assert.Equal(new object[] { ServiceRequest.MaxAssigneeNameLength }, ex.Args);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void A_technician_needs_his_user_id(string? userId)
    {
        Assert.ThrowsAny<ArgumentException>(() => Assignee.Technician(userId!, "Chen Gang"));
    }

    [Fact]
    public void Assignees_are_equal_by_value()
    {
        Assert.Equal(Assignee.Technician("tech-chen", "Chen Gang"), Assignee.Technician("tech-chen", " Chen Gang"));
        Assert.True(Assignee.Team("Plumbing team") == Assignee.Team("Plumbing team"));
        Assert.Equal(Assignee.Team("Plumbing team").GetHashCode(), Assignee.Team("Plumbing team").GetHashCode());
        Assert.NotEqual(Assignee.Technician("tech-chen", "Chen Gang"), Assignee.Technician("tech-sun", "Chen Gang"));
        Assert.True(Assignee.Team("Chen Gang") != Assignee.Technician("tech-chen", "Chen Gang"));
    }
}

public sealed class MaterialLineTests
{
    [Fact]
    public void A_line_keeps_trimmed_name_quantity_and_unit()
    {
        var line = new MaterialLine("  PPR elbow 20 mm ", 2.5m, " pcs ");

        Assert.Equal("PPR elbow 20 mm", line.Name);
        Assert.Equal(2.5m, line.Quantity);
        Assert.Equal("pcs", line.Unit);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void The_unit_is_optional(string? unit)
    {
        Assert.Null(new MaterialLine("Sealant", 1, unit).Unit);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_name_is_required(string? name)
    {
        Assert.Equal("Material.NameRequired", Assert.Throws<DomainException>(() => new MaterialLine(name!, 1, "pc")).Code);
    }

    [Fact]
    public void A_name_may_have_100_characters_but_not_101()
    {
        Assert.Equal(100, new MaterialLine(new string('a', 100), 1, null).Name.Length);

        var ex = Assert.Throws<DomainException>(() => new MaterialLine(new string('a', 101), 1, null));
        Assert.Equal("Material.NameTooLong", ex.Code);
        Assert.Equal(new object[] { 100 }, ex.Args);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10000.001")]
    public void The_quantity_is_positive_and_at_most_10000(string quantity)
    {
        var ex = Assert.Throws<DomainException>(
            () => new MaterialLine("Cable", decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), "m"));

        Assert.Equal("Material.QuantityOutOfRange", ex.Code);
        Assert.Equal(new object[] { 10000m }, ex.Args);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("10000")]
    public void The_quantity_limits_are_inclusive_at_the_top(string quantity)
    {
        var value = decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(value, new MaterialLine("Cable", value, "m").Quantity);
    }

    [Fact]
    public void A_unit_may_have_20_characters_but_not_21()
    {
        Assert.Equal(20, new MaterialLine("Cable", 1, new string('m', 20)).Unit!.Length);

        var ex = Assert.Throws<DomainException>(() => new MaterialLine("Cable", 1, new string('m', 21)));
        Assert.Equal("Material.UnitTooLong", ex.Code);
        Assert.Equal(new object[] { 20 }, ex.Args);
    }

    [Fact]
    public void Lines_are_equal_by_value()
    {
        Assert.Equal(new MaterialLine("Washer", 2, "pc"), new MaterialLine(" Washer ", 2.00m, "pc"));
        Assert.True(new MaterialLine("Washer", 2, "pc") == new MaterialLine("Washer", 2, "pc"));
        Assert.True(new MaterialLine("Washer", 2, "pc") != new MaterialLine("Washer", 3, "pc"));
        Assert.NotEqual(new MaterialLine("Washer", 2, "pc"), new MaterialLine("Washer", 2, null));
    }
}
