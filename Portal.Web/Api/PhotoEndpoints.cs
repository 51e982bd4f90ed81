using Microsoft.Net.Http.Headers;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Web.Api;

/// <summary>
/// Photos are served only through the use case's access check: the request's own resident or
/// staff of its estate. A guessed id answers 404, exactly like a missing one.
/// </summary>
internal static class PhotoEndpoints
{
    public static void MapPhotoEndpoints(this IEndpointRouteBuilder app)
    {
        var photos = app.MapGroup("/photos").RequireAuthorization();
        photos.MapGet("/{id:guid}", (Guid id, HttpContext http, PhotoUploads uploads, CancellationToken ct) => Serve(id, false, http, uploads, ct));
        photos.MapGet("/{id:guid}/thumb", (Guid id, HttpContext http, PhotoUploads uploads, CancellationToken ct) => Serve(id, true, http, uploads, ct));
    }

    private static async Task<IResult> Serve(Guid id, bool thumbnail, HttpContext http, PhotoUploads uploads, CancellationToken ct)
    {
        var user = CurrentUser.FromPrincipal(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        var photo = await uploads.OpenAsync(user, id, thumbnail, ct);
        if (photo is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers[HeaderNames.CacheControl] = "private, max-age=3600";
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return Results.Stream(photo.Content, photo.ContentType, enableRangeProcessing: false);
    }
}
