using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Many filings at the same moment on the embedded SQLite: each gets its own number of the day and
/// none fails for having raced another for it (the write gate keeps one writer at a time).
/// </summary>
public sealed class ConcurrentFilingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Thirty_two_desk_registrations_at_once_all_land_with_distinct_numbers()
    {
        var register = factory.Get<RegisterRequest>();
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var before = await factory.RequestCountAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(async i =>
        {
            var draft = await factory.FeedbackDraftAsync(resident, i % 2 == 0 ? RequestType.Complaint : RequestType.Inquiry);
            draft.Description = $"Lift hall light flickers, report {i}";
            return await Task.Run(() => register.RegisterOnBehalfAsync(desk, resident.UserId, draft));
        }));

        Assert.All(results, r => Assert.True(r.Outcome.Succeeded, r.Outcome.ErrorCode));
        var numbers = results.Select(r => r.Outcome.Value!.Number).ToList();
        Assert.Equal(32, numbers.Distinct().Count());
        Assert.Equal(before + 32, await factory.RequestCountAsync());
    }

    [Fact]
    public async Task A_section_of_the_write_gate_lets_its_own_saves_through_and_keeps_others_out()
    {
        var gate = new WriteGate(enabled: true);
        var order = new List<string>();

        Task<IDisposable> second;
        using (await gate.EnterAsync())
        {
            // Inside a section, a nested section of the same flow does not wait for itself.
            using (await gate.EnterAsync())
            {
                order.Add("nested");
            }

            // Another flow (not one started from inside this section, which would inherit it) waits.
            using (ExecutionContext.SuppressFlow())
            {
                second = Task.Run(() => gate.EnterAsync());
            }

            await Task.Delay(100);
            Assert.False(second.IsCompleted);
            order.Add("first done");
        }

        using (await second)
        {
            order.Add("second");
        }

        Assert.Equal(["nested", "first done", "second"], order);
        Assert.False(WriteGate.Open.Enabled);
    }
}
