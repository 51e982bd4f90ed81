using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.Identity;
using Portal.Web.Api;

namespace Portal.Web.Components.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Sign-out is a POST with the antiforgery token, so a link on another site cannot sign people out.
        app.MapPost(AccountPaths.Logout, async (SignInManager<PortalUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LocalPath.OrHome(returnUrl));
        });
    }
}
