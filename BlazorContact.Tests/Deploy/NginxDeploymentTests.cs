using System.Net;
using System.Net.Sockets;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Deploy;

/// <summary>
/// <c>deploy/nginx/blazorcontact.conf</c> in the real nginx, in front of the real app: TLS, the WebSocket upgrade,
/// and the forwarded headers the app believes because nginx is on loopback.
/// </summary>
public sealed class NginxDeploymentTests : IAsyncLifetime
{
    // The visitor comes from 127.0.0.2 (all of 127/8 is this machine), nginx from 127.0.0.1: only the forwarded
    // header can tell the app the visitor's address.
    private static readonly IPAddress VisitorAddress = IPAddress.Parse("127.0.0.2");

    private SelfSignedCertificate _certificate = null!;
    private ContactServer _app = null!;
    private NginxServer _nginx = null!;

    public async Task InitializeAsync()
    {
        _certificate = await SelfSignedCertificate.CreateAsync();
        _app = await ContactServer.StartAsync();
        _nginx = await NginxServer.StartAsync([$"127.0.0.1:{_app.HttpUri.Port}"], _certificate);
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task The_rendered_site_passes_nginx_t()
    {
        var folder = TestFolder.Create();
        try
        {
            var configuration = NginxServer.WriteConfiguration(folder, ["127.0.0.1:5001", "127.0.0.1:5002"], 8081, 8443, _certificate);

            var (exitCode, output) = await NginxServer.TestConfigurationAsync(folder, configuration);

            Assert.True(exitCode == 0, output);
            Assert.Contains("test is successful", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_chat_round_trip_over_wss_through_nginx_with_the_visitors_address_forwarded()
    {
        using var invoker = new HttpMessageInvoker(VisitorHandler());
        await using var client = await ContactClient.ConnectAsync(_nginx.ContactUri, origin: null, configure: null, invoker);

        var (ack, reply) = await client.ChatAsync("如何部署到生产环境？", "nginx-1");
        await client.SendPingAsync();
        await client.ExpectAsync("pong");

        Assert.Equal("nginx-1", ack.GetProperty("client_message_id").GetString());
        Assert.Equal("assistant", reply.GetProperty("sender").GetString());
        Assert.Equal("127.0.0.2", RemoteAddress(client.ConversationId));
        // nginx logs an upgraded request when it ends: a 101 from the visitor's address.
        await client.CloseAsync();
        await Eventually.UntilAsync(
            () => _nginx.AccessLog().Contains("127.0.0.2 - - [", StringComparison.Ordinal) && _nginx.AccessLog().Contains("\"GET /contact HTTP/1.1\" 101", StringComparison.Ordinal),
            "nginx's access log line of the upgraded /contact request");
    }

    [Fact]
    public async Task The_app_sees_https_through_nginx_so_its_cookies_are_secure()
    {
        using var http = new HttpClient(VisitorHandler()) { BaseAddress = _nginx.HttpsUri };

        using var response = await http.GetAsync("/signin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_metrics_stay_private()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var redirect = await http.GetAsync($"http://127.0.0.1:{_nginx.HttpPort}/inbox?c=1");
        using var https = new HttpClient(VisitorHandler()) { BaseAddress = _nginx.HttpsUri };
        using var metrics = await https.GetAsync("/metrics");
        using var health = await https.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"https://127.0.0.1/inbox?c=1", redirect.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>Trusts the test certificate and connects from <see cref="VisitorAddress"/>.</summary>
    private SocketsHttpHandler VisitorHandler()
    {
        var handler = _certificate.CreateHandler();
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(VisitorAddress, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }

    private string? RemoteAddress(string conversationId)
    {
        using var connection = _app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT remote_address FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        return (string?)command.ExecuteScalar();
    }
}
