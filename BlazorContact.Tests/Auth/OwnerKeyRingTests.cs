using System.Net;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Auth;

public sealed class OwnerKeyRingTests
{
    [Fact]
    public async Task The_owner_stays_signed_in_across_a_restart_with_the_key_ring_in_the_database()
    {
        await using var server = await ContactServer.StartAsync(OwnerServerFixture.SettingsFor(OwnerServerFixture.Password));
        using var browser = new OwnerHttpClient(server.HttpUri);
        using (await browser.SignInAsync(OwnerServerFixture.Password))
        {
        }

        Assert.NotNull(browser.OwnerCookie);

        await server.RestartAsync();
        using var afterRestart = new OwnerHttpClient(server.HttpUri, browser.Cookies);
        using var response = await afterRestart.GetAsync("/api/owner/sessions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(server.CountRows("SELECT COUNT(*) FROM key_ring") >= 1);
        Assert.False(Directory.Exists(Path.Combine(server.Folder, "keys")));
    }
}
