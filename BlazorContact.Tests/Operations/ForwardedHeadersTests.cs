using BlazorContact.Tests.Support;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Operations;

/// <summary>X-Forwarded-* is believed from the configured proxies only (loopback by default), and from no one else.</summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task Forwarded_client_address_from_a_loopback_proxy_is_the_stored_remote_address()
    {
        await using var server = await ContactServer.StartAsync();

        var conversation = await ChatForwardedAsync(server, "203.0.113.7");

        Assert.Equal("203.0.113.7", RemoteAddress(server, conversation));
    }

    [Fact]
    public async Task Forwarded_client_address_is_ignored_when_the_proxy_is_not_trusted()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "10.1.2.3" });

        var conversation = await ChatForwardedAsync(server, "203.0.113.7");

        Assert.Equal("127.0.0.1", RemoteAddress(server, conversation));
    }

    [Fact]
    public async Task Forwarded_client_address_is_believed_from_a_configured_network()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8" });

        var conversation = await ChatForwardedAsync(server, "198.51.100.4");

        Assert.Equal("198.51.100.4", RemoteAddress(server, conversation));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("10.1.2.3", false)]
    public async Task Forwarded_https_from_a_trusted_proxy_makes_cookies_secure(string? knownProxy, bool secure)
    {
        var settings = new Dictionary<string, string?>();
        if (knownProxy is not null)
        {
            settings["ForwardedHeaders:KnownProxies:0"] = knownProxy;
        }

        await using var server = await ContactServer.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = server.HttpUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request);

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_proxy_that_is_not_an_address_stops_the_start_with_a_sentence()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ContactServer.StartAsync(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "nginx.local" }));

        Assert.Contains("ForwardedHeaders:KnownProxies has 'nginx.local', which is not an IP address.", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> ChatForwardedAsync(ContactServer server, string forwardedFor)
    {
        await using var client = await ContactClient.ConnectAsync(
            server.ContactUri, origin: null, options => options.SetRequestHeader("X-Forwarded-For", forwardedFor), invoker: null);
        await client.ChatAsync("你好");
        return client.ConversationId;
    }

    private static string? RemoteAddress(ContactServer server, string conversationId)
    {
        using var connection = server.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT remote_address FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        return (string?)command.ExecuteScalar();
    }
}
