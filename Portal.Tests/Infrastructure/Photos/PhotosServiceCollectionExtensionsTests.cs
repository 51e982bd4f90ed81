using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Photos;

namespace Portal.Tests.Infrastructure.Photos;

public sealed class PhotosServiceCollectionExtensionsTests
{
    [Fact]
    public void Binds_options_and_registers_singletons()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "portal-photo-di-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:Photos:MaxBytesPerPhoto"] = "5242880",
                ["Portal:Photos:MaxPhotosPerRequest"] = "3",
                ["Portal:Photos:RootPath"] = "data/pics",
            })
            .Build();

        using var provider = new ServiceCollection().AddPortalPhotos(configuration, contentRoot).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PhotoOptions>>().Value;
        Assert.Equal(5 * 1024 * 1024, options.MaxBytesPerPhoto);
        Assert.Equal(3, options.MaxPhotosPerRequest);
        Assert.Equal(30 * 1024 * 1024, options.MaxBytesPerRequest); // default kept
        Assert.Equal(2560, options.MaxDimension);

        var storage = Assert.IsType<LocalDiskPhotoStorage>(provider.GetRequiredService<IPhotoStorage>());
        Assert.Equal(Path.Combine(contentRoot, "data", "pics"), storage.RootDirectory);
        Assert.Same(storage, provider.GetRequiredService<IPhotoStorage>());
        Assert.Same(provider.GetRequiredService<PhotoProcessor>(), provider.GetRequiredService<PhotoProcessor>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Invalid_options_fail_validation()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Photos:JpegQuality"] = "0" })
            .Build();

        using var provider = new ServiceCollection().AddPortalPhotos(configuration, "").BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PhotoOptions>>().Value);
    }
}
