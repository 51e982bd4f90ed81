using Microsoft.Extensions.Localization;
using Portal.Infrastructure.WorkOrders;
using Portal.Web.Resources;

namespace Portal.Web.Components.Pages.Jobs;

internal static class JobLabels
{
    public static string Where(IStringLocalizer<SharedResource> l, JobView job) =>
        job.UnitNumber is not null ? l["Location.Unit", job.BuildingName ?? "", job.UnitNumber]
        : job.BuildingName is not null ? l["Location.PublicInBuilding", job.BuildingName, job.Spot ?? ""]
        : l["Location.Public", job.Spot ?? ""];
}
