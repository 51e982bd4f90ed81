namespace Portal.Infrastructure.Photos;

/// <summary>The upload formats accepted. Whatever comes in is stored as JPEG.</summary>
public enum PhotoFormat
{
    Jpeg,
    Png,
    Webp,
    Heic,
}
