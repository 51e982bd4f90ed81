using Portal.Infrastructure.Photos;

namespace Portal.Tests.Infrastructure.Photos;

public sealed class PhotoRequestBudgetTests
{
    private const long MiB = 1024 * 1024;
    private static readonly PhotoOptions Defaults = new(); // 5 photos, 30 MiB

    [Fact]
    public void First_photo_is_fine() =>
        PhotoRequestBudget.EnsureWithinRequestLimits([], 10 * MiB, Defaults);

    [Fact]
    public void Fifth_photo_is_fine_sixth_is_too_many()
    {
        PhotoRequestBudget.EnsureWithinRequestLimits([MiB, MiB, MiB, MiB], MiB, Defaults);

        var ex = Assert.Throws<PhotoRejectedException>(() =>
            PhotoRequestBudget.EnsureWithinRequestLimits([MiB, MiB, MiB, MiB, MiB], MiB, Defaults));
        Assert.Equal("Photo.TooMany", ex.Code);
        Assert.Equal([5], ex.Args);
    }

    [Fact]
    public void Exactly_the_request_limit_is_fine_one_byte_more_is_not()
    {
        PhotoRequestBudget.EnsureWithinRequestLimits([10 * MiB, 10 * MiB], 10 * MiB, Defaults);

        var ex = Assert.Throws<PhotoRejectedException>(() =>
            PhotoRequestBudget.EnsureWithinRequestLimits([10 * MiB, 10 * MiB], 10 * MiB + 1, Defaults));
        Assert.Equal("Photo.RequestTooLarge", ex.Code);
        Assert.Equal([30d], ex.Args);
    }

    [Fact]
    public void Count_is_checked_before_size()
    {
        var ex = Assert.Throws<PhotoRejectedException>(() =>
            PhotoRequestBudget.EnsureWithinRequestLimits([10 * MiB, 10 * MiB, 10 * MiB], MiB, new PhotoOptions { MaxPhotosPerRequest = 3 }));
        Assert.Equal("Photo.TooMany", ex.Code);
        Assert.Equal([3], ex.Args);
    }

    [Fact]
    public void Configured_limits_are_used()
    {
        var options = new PhotoOptions { MaxBytesPerRequest = 5 * MiB, MaxPhotosPerRequest = 10 };

        var ex = Assert.Throws<PhotoRejectedException>(() =>
            PhotoRequestBudget.EnsureWithinRequestLimits([3 * MiB], 3 * MiB, options));
        Assert.Equal("Photo.RequestTooLarge", ex.Code);
        Assert.Equal([5d], ex.Args);
    }

    [Fact]
    public void Negative_length_is_a_bug_not_a_rejection() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PhotoRequestBudget.EnsureWithinRequestLimits([], -1, Defaults));
}
