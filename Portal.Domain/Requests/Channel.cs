namespace Portal.Domain.Requests;

/// <summary>How the request reached the desk (受理渠道); kept so that no channel's records get lost.</summary>
public enum Channel
{
    /// <summary>This portal, filed by the resident.</summary>
    Portal,

    /// <summary>电话.</summary>
    Phone,

    /// <summary>来访 at the desk.</summary>
    WalkIn,

    /// <summary>微信公众号.</summary>
    WeChat,

    /// <summary>电子邮件.</summary>
    Email,

    /// <summary>信函.</summary>
    Letter,

    /// <summary>意见簿.</summary>
    CommentBook,
}
