using System.Net.WebSockets;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Operations;

/// <summary>The no-proxy option: Kestrel's own HTTPS from configuration (PEM files), and a real wss:// chat through it.</summary>
public sealed class KestrelHttpsTests : IAsyncLifetime
{
    private SelfSignedCertificate _certificate = null!;
    private ContactServer _server = null!;

    public async Task InitializeAsync()
    {
        _certificate = await SelfSignedCertificate.CreateAsync();
        _server = await ContactServer.StartAsync(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = _certificate.CertificatePath,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = _certificate.KeyPath,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task A_chat_round_trip_over_wss_to_kestrel_with_the_configured_certificate()
    {
        Assert.Equal("https", _server.HttpUri.Scheme);
        using var invoker = new HttpMessageInvoker(_certificate.CreateHandler());
        await using var client = await ContactClient.ConnectAsync(WssUri(), origin: null, configure: null, invoker);

        var (ack, reply) = await client.ChatAsync("如何部署到生产环境？", "tls-1");

        Assert.Equal("tls-1", ack.GetProperty("client_message_id").GetString());
        Assert.Equal("assistant", reply.GetProperty("sender").GetString());
        Assert.Equal(ack.GetProperty("message_id").GetInt64(), reply.GetProperty("reply_to").GetInt64());
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_cannot_connect()
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(ContactClient.DefaultTimeout);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WssUri(), timeout.Token));
    }

    private Uri WssUri() => new($"wss://{_server.HttpUri.Authority}/contact");
}
