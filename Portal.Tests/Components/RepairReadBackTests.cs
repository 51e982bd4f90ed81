using Bunit;
using Portal.Domain.Requests;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Requests;
using Portal.Web.Components.Pages.Requests;

namespace Portal.Tests.Components;

/// <summary>The read-back must say what the clerk would say on the phone, in the user's language.</summary>
public sealed class RepairReadBackTests() : PortalComponentContext("en")
{
    private static readonly HomeView Home = new(7, 3, 1, "Harbour View", "3", "1304", "Asia/Shanghai");

    private static RepairDraft Draft() => new()
    {
        Category = RepairCategory.AirConditioning,
        UnitId = 7,
        EstateId = 1,
        Description = "air-conditioner leaking",
        PreferredDate = new DateTime(2026, 11, 24),
        Slot = PreferredSlot.Afternoon,
        ContactName = "Wang Li",
        ContactPhone = "13800138000",
    };

    [Fact]
    public void Reads_the_request_back_in_english()
    {
        var readBack = Render<RepairReadBack>(p => p.Add(x => x.Draft, Draft()).Add(x => x.Homes, [Home]));
        Assert.Equal(
            "Building 3, unit 1304: Air-conditioning — air-conditioner leaking; Tue 24 Nov 14:00–18:00; contact 138 0013 8000. Is that correct?",
            readBack.Find("[data-testid=readback]").TextContent.Trim());
    }

    [Fact]
    public void Reads_the_request_back_in_chinese()
    {
        UseCulture("zh-CN");
        var readBack = Render<RepairReadBack>(p => p.Add(x => x.Draft, Draft()).Add(x => x.Homes, [Home]));
        Assert.Equal(
            "3栋 1304：空调——air-conditioner leaking；11月24日 周二 14:00–18:00；联系电话 138 0013 8000。请问信息是否正确？",
            readBack.Find("[data-testid=readback]").TextContent.Trim());
    }

    [Fact]
    public void A_public_spot_without_a_day_reads_any_time()
    {
        var draft = Draft();
        draft.InPublicArea = true;
        draft.Spot = "lift lobby, 2nd floor";
        draft.PreferredDate = null;
        var readBack = Render<RepairReadBack>(p => p.Add(x => x.Draft, draft).Add(x => x.Homes, [Home]));
        Assert.StartsWith("Public area: lift lobby, 2nd floor: Air-conditioning", readBack.Find("[data-testid=readback]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Any time", readBack.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_and_submit_are_the_residents_choice()
    {
        var edits = 0;
        var submits = 0;
        var readBack = Render<RepairReadBack>(p => p
            .Add(x => x.Draft, Draft()).Add(x => x.Homes, [Home])
            .Add(x => x.OnEdit, () => edits++)
            .Add(x => x.OnSubmit, () => submits++));

        readBack.Find("[data-testid=readback-edit]").Click();
        readBack.Find("[data-testid=readback-submit]").Click();

        Assert.Equal((1, 1), (edits, submits));
    }
}
