using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Photos;

public static class PhotosServiceCollectionExtensions
{
    /// <summary>Photo options (section <c>Portal:Photos</c>), local-disk storage and the processor.</summary>
    /// <param name="contentRootPath">Base for a relative <see cref="PhotoOptions.RootPath"/>.</param>
    public static IServiceCollection AddPortalPhotos(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PhotoOptions>()
            .Bind(configuration.GetSection(PhotoOptions.SectionName))
            .Validate(o => o.MaxBytesPerPhoto > 0, "Portal:Photos:MaxBytesPerPhoto must be positive.")
            .Validate(o => o.MaxBytesPerRequest >= o.MaxBytesPerPhoto, "Portal:Photos:MaxBytesPerRequest must be at least MaxBytesPerPhoto.")
            .Validate(o => o.MaxPhotosPerRequest is > 0 and <= Portal.Domain.Requests.ServiceRequest.MaxPhotos, $"Portal:Photos:MaxPhotosPerRequest must be 1-{Portal.Domain.Requests.ServiceRequest.MaxPhotos}.")
            .Validate(o => o.MaxDimension > 0 && o.ThumbnailSize > 0, "Portal:Photos:MaxDimension and ThumbnailSize must be positive.")
            .Validate(o => o.JpegQuality is >= 1 and <= 100, "Portal:Photos:JpegQuality must be 1-100.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.RootPath), "Portal:Photos:RootPath is required.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPhotoStorage>(sp => new LocalDiskPhotoStorage(sp.GetRequiredService<IOptions<PhotoOptions>>(), contentRootPath));
        services.AddSingleton<PhotoProcessor>();
        return services;
    }
}
