using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using BlazorContact.Tests.Support;
using BlazorContact.Web.Check;

namespace BlazorContact.Tests.Integration;

[Collection(TimingSensitiveCollection.Name)]
public sealed class DeploymentCheckTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    [Fact]
    public async Task Against_a_real_server_every_step_passes_and_the_exit_code_is_0()
    {
        var (exitCode, report) = await CheckAsync(fixture.Server.ContactUri.ToString());

        Assert.True(exitCode == 0, report);
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(8, lines.Count(line => line.StartsWith('✓')));
        Assert.DoesNotContain("✗", report);
        Assert.Contains("contact_request_received", report);
        Assert.Contains("replayed 3: message_id", report);
        Assert.StartsWith("PASS: all 8 steps passed", lines[^1]);
    }

    [Fact]
    public async Task Against_a_port_with_nothing_listening_it_says_it_cannot_connect_and_exits_1()
    {
        var url = $"ws://127.0.0.1:{FreeLoopbackPort()}/contact";

        var (exitCode, report) = await CheckAsync(url, "--timeout", "5");

        Assert.Equal(1, exitCode);
        Assert.Contains($"✗ connect → connection_established", report);
        Assert.Contains($"cannot connect to {url}: Connection refused", report);
        Assert.Contains("FAIL: 0 of 8 steps passed", report);
    }

    [Fact]
    public async Task A_reply_that_breaks_the_protocol_fails_with_the_validators_words()
    {
        // Everything right except the guide's own example timestamp, which has no offset.
        await using var server = await ScriptedWebSocketServer.StartAsync(async (socket, aborted) =>
        {
            var frame = """{"type":"connection_established","message":"WebSocket连接已建立","client_id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","timestamp":"2025-01-01T12:00:00","session_token":"t","conversation_id":"c"}""";
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, aborted);
            await socket.ReceiveAsync(new byte[1024], aborted);
        });

        var (exitCode, report) = await CheckAsync(server.ContactUri.ToString(), "--timeout", "5");

        Assert.Equal(1, exitCode);
        Assert.Contains("an invalid frame arrived while the check waited for connection_established: 'timestamp' must be ISO-8601 with an offset", report);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_at_the_first_wait_instead_of_hanging()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync((socket, aborted) => socket.ReceiveAsync(new byte[1024], aborted));

        var (exitCode, report) = await CheckAsync(server.ContactUri.ToString(), "--timeout", "0.5");

        Assert.Equal(1, exitCode);
        Assert.Contains("no connection_established within 0.5 s", report);
    }

    [Theory]
    [InlineData]
    [InlineData("http://127.0.0.1:8080/contact")]
    [InlineData("ws://127.0.0.1:8080/contact", "--timeout")]
    [InlineData("ws://127.0.0.1:8080/contact", "--timeout", "0")]
    [InlineData("ws://127.0.0.1:8080/contact", "--timeout", "ten")]
    [InlineData("ws://127.0.0.1:8080/contact", "--verbose")]
    [InlineData("ws://127.0.0.1:8080/contact", "ws://127.0.0.1:8081/contact")]
    public async Task Bad_usage_prints_the_usage_and_exits_2(params string[] args)
    {
        var (exitCode, report) = await CheckAsync(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("check: ", report);
        Assert.Contains("usage: dotnet run --project BlazorContact.Web -- check", report);
    }

    private static async Task<(int ExitCode, string Report)> CheckAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await DeploymentCheck.RunAsync(args, output);
        return (exitCode, output.ToString());
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
