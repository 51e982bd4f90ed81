namespace Portal.Infrastructure.Requests;

/// <summary>The last sequence handed out for one number prefix on one day ("R261123").</summary>
public sealed class RequestNumberCounter
{
    public string Key { get; set; } = "";
    public int Last { get; set; }
}
