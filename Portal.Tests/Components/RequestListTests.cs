using Bunit;
using Portal.Domain.Requests;
using Portal.Infrastructure.Requests;
using Portal.Web.Components.Shared;

namespace Portal.Tests.Components;

public sealed class RequestListTests() : PortalComponentContext("en")
{
    private static RequestSummary Item(int id, string number, RequestStatus status, string? unit = "1304", string? spot = null, Guid? photo = null) => new(
        id, number, RequestType.Repair, RepairCategory.Plumbing, status, "Harbour View", "3", unit, spot, $"Description {id}",
        new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero), "Asia/Shanghai", photo, photo is null ? 0 : 1);

    [Fact]
    public void Shows_each_request_with_number_status_place_and_local_time_in_the_order_given()
    {
        var photo = Guid.NewGuid();
        var list = Render<RequestList>(p => p.Add(x => x.Items, [
            Item(2, "R261123-0002", RequestStatus.Submitted, photo: photo),
            Item(1, "R261123-0001", RequestStatus.Cancelled, unit: null, spot: "lift lobby"),
        ]));

        var cards = list.FindAll(".request-card");
        Assert.Equal(["R261123-0002", "R261123-0001"], cards.Select(c => c.GetAttribute("data-number")));
        Assert.Contains("Submitted", cards[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Building 3, unit 1304", cards[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("14:30", cards[0].TextContent, StringComparison.Ordinal); // 06:30 UTC shown in Shanghai time
        Assert.Equal($"/photos/{photo}/thumb", cards[0].QuerySelector("img")!.GetAttribute("src"));
        Assert.Contains("Cancelled", cards[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Building 3, public area: lift lobby", cards[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("/requests/2", cards[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void An_empty_list_says_so()
    {
        var list = Render<RequestList>(p => p.Add(x => x.Items, []).Add(x => x.EmptyText, "No requests yet."));
        Assert.Equal("No requests yet.", list.Find("[data-testid=empty-list]").TextContent.Trim());
    }
}
