using BlazorContact.Web.Auth;

namespace BlazorContact.Tests.Auth;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/inbox", "/inbox")]
    [InlineData("/inbox?conversation=abc&lang=en", "/inbox?conversation=abc&lang=en")]
    [InlineData("/", "/")]
    public void Local_paths_are_kept(string returnUrl, string expected)
    {
        Assert.Equal(expected, LocalReturnUrl.Resolve(returnUrl));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("inbox")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/inbox")]
    [InlineData("/\\evil.example")]
    [InlineData("/\tinbox")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/signin?ReturnUrl=%2Finbox")]
    [InlineData("/setup?token=x")]
    public void Anything_else_goes_to_the_inbox(string? returnUrl)
    {
        Assert.Equal("/inbox", LocalReturnUrl.Resolve(returnUrl));
    }
}
