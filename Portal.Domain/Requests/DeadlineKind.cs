namespace Portal.Domain.Requests;

/// <summary>The two promises every request carries.</summary>
public enum DeadlineKind
{
    /// <summary>首次响应: the desk's registration, or the butler's answer for a complaint.</summary>
    Response,

    /// <summary>处理完成.</summary>
    Resolution,
}
