namespace Portal.Web.Api;

/// <summary>Limits of the intake API ("Portal:Api").</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Portal:Api";

    /// <summary>Calls one API key may make per minute, POST and GET together.</summary>
    public int PermitsPerMinute { get; set; } = 600;
}
