using Portal.Infrastructure.Requests;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>Neighbours describe one place in their own words; the list must still put it first.</summary>
public sealed class SpotMatchTests
{
    [Theory]
    [InlineData("lift lobby", "Lift lobby, ground floor")]
    [InlineData("B2 car park near lift 3", "Lift 3, B2 car park")]
    [InlineData("电梯厅", "2号楼电梯厅")]
    [InlineData("西门 喷泉", "喷泉 fountain by the west gate")]
    [InlineData("Ｂ２ 车库", "b2车库入口")] // full-width letters from a Chinese keyboard
    public void The_same_place_in_other_words_matches(string typed, string spot) =>
        Assert.True(SpotMatch.Score(typed, spot) >= SpotMatch.Threshold, $"{typed} / {spot}: {SpotMatch.Score(typed, spot)}");

    [Theory]
    [InlineData("garden fountain", "Lift lobby, ground floor")]
    [InlineData("地下车库", "3号楼电梯厅")]
    [InlineData("the lobby near the lift", "Garden path near the gate")]
    [InlineData("l", "Lift lobby")] // one letter says nothing yet
    [InlineData("", "Lift lobby")]
    public void Another_place_does_not(string typed, string spot) =>
        Assert.True(SpotMatch.Score(typed, spot) < SpotMatch.Threshold, $"{typed} / {spot}: {SpotMatch.Score(typed, spot)}");

    [Fact]
    public void Containing_the_whole_spot_ranks_above_sharing_some_words()
    {
        Assert.Equal(1, SpotMatch.Score("lobby", "Lift lobby"));
        Assert.True(SpotMatch.Score("lift 3 lobby", "Lift 3 door") < 1);
    }
}
