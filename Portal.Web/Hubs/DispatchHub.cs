using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;

namespace Portal.Web.Hubs;

/// <summary>A change as external clients (a wall-screen board, an integration) receive it.</summary>
public sealed record BoardChange(int RequestId, string Number, int EstateId, RequestStatus Status, Priority Priority, TimelineEvent Event, DateTimeOffset At, bool IsUrgentNew);

/// <summary>A change of one's own request, as a resident's client receives it.</summary>
public sealed record MyRequestChange(int RequestId, string Number, RequestStatus Status, TimelineEvent Event, DateTimeOffset At);

public interface IDispatchClient
{
    Task BoardChanged(BoardChange change);

    Task MyRequestChanged(MyRequestChange change);

    /// <summary>Changes may have been missed: fetch the current state again.</summary>
    Task Resync();
}

/// <summary>
/// /hubs/dispatch: the same events the pages get, for browsers and external clients, authorized by
/// the user's own cookie and scoped by group to what that user may see: staff their estates'
/// requests, residents their own.
/// </summary>
[Authorize]
public sealed class DispatchHub(IDbContextFactory<PortalDbContext> factory, BoardQueries board) : Hub<IDispatchClient>
{
    public const string Path = "/hubs/dispatch";

    public static string EstateGroup(int estateId) => $"estate:{estateId}";

    public static string UserGroup(string userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        var user = CurrentUser.FromPrincipal(Context.User) ?? throw new HubException("Not signed in.");
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(user.UserId));
        if (user.IsStaff)
        {
            await using var db = await factory.CreateDbContextAsync();
            var estates = await db.StaffEstates.Where(s => s.UserId == user.UserId).Select(s => s.EstateId).ToListAsync();
            foreach (var estate in estates)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, EstateGroup(estate));
            }
        }

        await base.OnConnectedAsync();
    }

    /// <summary>The current open requests of the caller's estates: how a client catches up after a reconnect.</summary>
    public async Task<IReadOnlyList<BoardCard>> GetBoard()
    {
        var user = CurrentUser.FromPrincipal(Context.User) ?? throw new HubException("Not signed in.");
        return await board.CardsAsync(user, new BoardFilter());
    }
}
