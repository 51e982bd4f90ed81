using Portal.Domain.Requests;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Photos;

namespace Portal.Tests.Support;

/// <summary>Files repairs through the same use cases the pages call.</summary>
public static class Filing
{
    public static async Task<Guid> StagePhotoAsync(this PortalFactory factory, CurrentUser user, byte[]? image = null)
    {
        using var stream = new MemoryStream(image ?? PhotoTestImages.JpegWithGpsAndRightTopOrientation());
        var staged = await factory.Get<PhotoUploads>().StageAsync(user, [], stream);
        Assert.True(staged.Succeeded, staged.ErrorCode);
        return staged.Value!.Id;
    }

    public static async Task<RepairDraft> DraftAsync(this PortalFactory factory, CurrentUser user, params Guid[] photos)
    {
        var home = (await factory.Get<ResidentHomes>().ListAsync(user))[0];
        return new RepairDraft
        {
            Category = RepairCategory.AirConditioning,
            UnitId = home.UnitId,
            EstateId = home.EstateId,
            Description = "Bedroom air-conditioner is leaking water",
            ContactName = user.DisplayName,
            ContactPhone = "13800138000",
            PhotoIds = [.. photos],
        };
    }

    public static async Task<FiledRequest> FileAsync(this PortalFactory factory, CurrentUser user, RepairDraft draft)
    {
        var (outcome, errors) = await factory.Get<FileRepairRequest>().FileAsync(user, draft);
        Assert.Empty(errors);
        Assert.True(outcome.Succeeded, outcome.ErrorCode);
        return outcome.Value!;
    }
}
