namespace Portal.Domain.Common;

/// <summary>
/// Who performs an action (操作人), as recorded on the timeline. The display name is copied
/// rather than looked up later so that the record still reads correctly after a rename.
/// </summary>
public sealed record Actor(string UserId, string DisplayName, ActorRole Role)
{
    /// <summary>The actor for automatic actions (e.g. closing after the rating window).</summary>
    public static Actor System { get; } = new("system", "System", ActorRole.System);

    /// <summary>Property staff of any kind; residents and the system are not staff.</summary>
    public bool IsStaff => Role is not ActorRole.Resident and not ActorRole.System;
}
