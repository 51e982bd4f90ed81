using Portal.Web.Api;

namespace Portal.Tests.Web;

public sealed class LocalPathTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/requests/12?filed=1", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_same_site_paths_are_followed(string? uri, bool local)
    {
        Assert.Equal(local, LocalPath.IsLocal(uri));
        Assert.Equal(local ? uri : "/", LocalPath.OrHome(uri));
    }
}
