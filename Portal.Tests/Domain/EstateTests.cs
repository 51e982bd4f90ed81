using Portal.Domain.Common;
using Portal.Domain.Estates;

namespace Portal.Tests.Domain;

public sealed class InvitationCodeTests
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    [Fact]
    public void A_generated_code_is_two_groups_of_four_from_the_unambiguous_alphabet()
    {
        var code = InvitationCode.Generate();

        Assert.Matches("^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}$", code);
        Assert.True(InvitationCode.IsWellFormed(code));
        Assert.Equal(code, InvitationCode.Normalize(code));
    }

    [Fact]
    public void Generated_codes_do_not_repeat_and_use_the_whole_alphabet_but_nothing_else()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => InvitationCode.Generate()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        var used = codes.SelectMany(c => c.Replace("-", "", StringComparison.Ordinal)).ToHashSet();
        // 16,000 draws from 31 symbols: every symbol shows up, and none of 0 O 1 I L ever does.
        Assert.Equal(Alphabet.ToHashSet(), used);
        Assert.Equal(Alphabet, InvitationCode.Alphabet);
    }

    [Theory]
    [InlineData("abcd efgh", "ABCD-EFGH")]
    [InlineData("abcd-efgh", "ABCD-EFGH")]
    [InlineData("ABCDEFGH", "ABCD-EFGH")]
    [InlineData("  ab cd - ef gh  ", "ABCD-EFGH")]
    [InlineData("ＡＢＣＤ－ＥＦＧＨ", "ABCD-EFGH")]
    [InlineData("abc", "ABC")]
    [InlineData("abcdefghj", "ABCDEFGHJ")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_upper_cases_drops_spaces_and_dashes_and_regroups_eight_characters(string? input, string expected)
    {
        Assert.Equal(expected, InvitationCode.Normalize(input));
    }

    [Theory]
    [InlineData("ABCD-EFGH", true)]
    [InlineData("abcd efgh", true)]
    [InlineData("2345 6789", true)]
    [InlineData("ABCD-EFG1", false)] // 1 is not in the alphabet
    [InlineData("ABCD-EFGO", false)] // nor O
    [InlineData("ABCD-EFGI", false)] // nor I
    [InlineData("ABCD-EFGL", false)] // nor L
    [InlineData("ABCD-EFG0", false)] // nor 0
    [InlineData("ABCD-EFG", false)]
    [InlineData("ABCD-EFGHJ", false)]
    [InlineData("ABCD_EFGH", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsWellFormed_checks_length_and_alphabet_after_normalizing(string? input, bool expected)
    {
        Assert.Equal(expected, InvitationCode.IsWellFormed(input));
    }
}

public sealed class EstateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void An_estate_knows_its_time_zone()
    {
        var estate = new Estate(" Riverside Garden ", "RG", "Asia/Shanghai");

        Assert.Equal("Riverside Garden", estate.Name);
        Assert.Equal(TimeSpan.FromHours(8), estate.GetTimeZone().GetUtcOffset(Now));
    }

    [Theory]
    [InlineData("", "RG", "Asia/Shanghai", "Estate.NameRequired")]
    [InlineData("Riverside", " ", "Asia/Shanghai", "Estate.CodeRequired")]
    [InlineData("Riverside", "RG", "", "Estate.TimeZoneRequired")]
    [InlineData("Riverside", "RG", "Asia/Atlantis", "Estate.UnknownTimeZone")]
    public void An_estate_needs_a_name_a_code_and_a_real_time_zone(string name, string code, string zone, string error)
    {
        var ex = Assert.Throws<DomainException>(() => new Estate(name, code, zone));

        Assert.Equal(error, ex.Code);
    }

    [Fact]
    public void A_building_needs_a_name()
    {
        Assert.Equal("Building.NameRequired", Assert.Throws<DomainException>(() => new Building(1, " ", 1)).Code);
        Assert.Equal("3", new Building(1, " 3 ", 3).Name);
    }

    [Fact]
    public void A_unit_stores_its_invitation_code_normalized()
    {
        var unit = new Unit(buildingId: 3, "1304", floor: 13, "abcd efgh", Now);

        Assert.Equal("ABCD-EFGH", unit.InvitationCode);
        Assert.Equal(Now, unit.InvitationIssuedAt);
    }

    [Fact]
    public void Issuing_a_new_code_replaces_the_old_one()
    {
        var unit = new Unit(3, "1304", 13, "ABCD-EFGH", Now);

        unit.IssueInvitationCode("WXYZ-2345", Now.AddDays(30));

        Assert.Equal("WXYZ-2345", unit.InvitationCode);
        Assert.Equal(Now.AddDays(30), unit.InvitationIssuedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCD-EFG1")]
    [InlineData("ABC")]
    public void A_malformed_invitation_code_is_refused(string code)
    {
        var unit = new Unit(3, "1304", 13, "ABCD-EFGH", Now);

        var ex = Assert.Throws<DomainException>(() => unit.IssueInvitationCode(code, Now.AddDays(1)));

        Assert.Equal("InvitationCode.Malformed", ex.Code);
        Assert.Equal("ABCD-EFGH", unit.InvitationCode);
        Assert.Equal("InvitationCode.Malformed", Assert.Throws<DomainException>(() => new Unit(3, "1305", 13, code, Now)).Code);
    }

    [Fact]
    public void A_unit_needs_a_number()
    {
        Assert.Equal("Unit.NumberRequired", Assert.Throws<DomainException>(() => new Unit(3, "", 13, "ABCD-EFGH", Now)).Code);
    }

    [Fact]
    public void Residency_and_staff_estate_need_a_user()
    {
        Assert.Equal("Residency.UserRequired", Assert.Throws<DomainException>(() => new Residency(" ", 7, Now)).Code);
        Assert.Equal("StaffEstate.UserRequired", Assert.Throws<DomainException>(() => new StaffEstate("", 1)).Code);

        var residency = new Residency("resident-wang", 7, Now);
        Assert.Equal(("resident-wang", 7, Now), (residency.UserId, residency.UnitId, residency.Since));
    }
}
