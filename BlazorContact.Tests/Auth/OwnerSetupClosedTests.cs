using System.Net;

namespace BlazorContact.Tests.Auth;

/// <summary>With <c>Owner:PasswordHash</c> configured there is nothing to set up.</summary>
public sealed class OwnerSetupClosedTests(OwnerServerFixture fixture) : IClassFixture<OwnerServerFixture>
{
    [Fact]
    public async Task A_configured_hash_keeps_setup_closed_and_logs_no_setup_link()
    {
        using var browser = new OwnerHttpClient(fixture.Server.HttpUri);

        using var response = await browser.GetAsync("/setup?token=anything");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Owner setup: open", fixture.Log.Text());
        Assert.Contains("Owner sign-in: the password hash comes from configuration (Owner:PasswordHash)", fixture.Log.Text());
    }
}
