using Portal.Domain.Common;

namespace Portal.Domain.Ratings;

/// <summary>
/// Service recovery (服务补救) after a low rating: the supervisor contacts the resident — listens,
/// explains, apologises — within <see cref="ResponseTime"/> and writes down what was done. An unhappy
/// resident means the item is not done.
/// </summary>
/// <remarks>
/// Stored with its <see cref="Requests.ServiceRequest"/>, which opens it when the rating is low and
/// resolves it in <see cref="Requests.ServiceRequest.ResolveRecovery"/>; read-only from outside.
/// </remarks>
public sealed class ServiceRecovery
{
    public const int MaxResolutionLength = 1000;

    /// <summary>The supervisor's deadline, counted from the rating.</summary>
    public static readonly TimeSpan ResponseTime = TimeSpan.FromHours(24);

    internal ServiceRecovery(DateTimeOffset openedAt)
    {
        OpenedAt = openedAt;
        DueAt = openedAt + ResponseTime;
        Status = RecoveryStatus.Open;
    }

    // For EF Core.
    private ServiceRecovery()
    {
    }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public RecoveryStatus Status { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedByName { get; private set; }

    /// <summary>What the supervisor did, in their words.</summary>
    public string? Resolution { get; private set; }

    public bool IsOpen => Status == RecoveryStatus.Open;

    /// <summary>Open past <see cref="DueAt"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => IsOpen && now > DueAt;

    /// <summary>Checks the supervisor's account: required, trimmed, at most 1000 characters.</summary>
    internal static string CheckResolution(string? resolution)
    {
        var text = resolution?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException("Recovery.ResolutionRequired");
        }

        if (text.Length > MaxResolutionLength)
        {
            throw new DomainException("Recovery.ResolutionTooLong", MaxResolutionLength);
        }

        return text;
    }

    internal void Resolve(Actor by, DateTimeOffset at, string resolution)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The service recovery was resolved already.");
        }

        Status = RecoveryStatus.Resolved;
        ResolvedAt = at;
        ResolvedByName = by.DisplayName;
        Resolution = resolution;
    }
}
