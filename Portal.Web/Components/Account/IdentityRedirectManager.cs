using Microsoft.AspNetCore.Components;
using Portal.Web.Api;

namespace Portal.Web.Components.Account;

/// <summary>Redirects from the static account pages, refusing anything that is not a local path.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigation)
{
    public void RedirectTo(string? uri) => navigation.NavigateTo(LocalPath.OrHome(uri));
}
