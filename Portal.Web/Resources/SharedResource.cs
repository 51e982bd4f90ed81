namespace Portal.Web.Resources;

/// <summary>Anchor type for the one resource file set: SharedResource.resx (en) and SharedResource.zh-CN.resx.</summary>
public sealed class SharedResource;
