using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Integration;

[Collection(TimingSensitiveCollection.Name)]
public sealed class BackPressureTests
{
    [Fact]
    public async Task A_client_that_never_reads_is_cut_off_while_others_keep_their_latency()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["Contact:OutboundQueueLimit"] = "64" });
        var stalled = new ClientWebSocket();
        stalled.Options.SetBuffer(1024, 1024);
        await stalled.ConnectAsync(server.ContactUri, CancellationToken.None);
        await using var reader = await server.ConnectAsync();
        var stalledSessions = server.Presence.OnlineCount;

        // Flood announcements (4 KB each) until the stalled client's socket buffers and queue are full.
        var announcement = new string('x', 4000);
        var latencies = new List<double>();
        var drained = 0;
        var broadcast = 0;
        for (var round = 0; round < 200 && server.Presence.OnlineCount == stalledSessions; round++)
        {
            for (var i = 0; i < 50; i++)
            {
                server.Desk.Announce(announcement);
                broadcast++;
            }

            // The reading client drains its own announcements, then measures a ping round trip.
            var watch = Stopwatch.StartNew();
            await reader.SendPingAsync();
            while (true)
            {
                var message = await reader.ReceiveAsync();
                if (message.GetProperty("type").GetString() == "pong")
                {
                    break;
                }

                drained++;
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        Assert.Equal(stalledSessions - 1, server.Presence.OnlineCount);
        // The reader lost nothing while the stalled peer was being cut off.
        Assert.Equal(broadcast, drained);
        latencies.Sort();
        var p99 = latencies[(int)(latencies.Count * 0.99)];
        // Generous bound for a noisy 2-core machine: a stalled peer must not make others wait on it.
        Assert.True(p99 < 1000, $"reader ping p99 was {p99:F0} ms");
        stalled.Dispose();
    }

    [Fact]
    public async Task A_page_from_an_origin_not_allowed_is_refused_with_403()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["Contact:AllowedOrigins:0"] = "https://blog.example.com" });

        await using (var allowed = await server.ConnectAsync(origin: "https://blog.example.com"))
        {
            Assert.False(string.IsNullOrEmpty(allowed.ClientId));
        }

        using var refused = new ClientWebSocket();
        refused.Options.SetRequestHeader("Origin", "https://evil.example.net");
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(server.ContactUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, refused.HttpStatusCode);
    }

    [Fact]
    public async Task A_dead_peer_is_dropped_by_the_keep_alive_timeout()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?>
        {
            ["Contact:KeepAliveInterval"] = "00:00:00.200",
            ["Contact:KeepAliveTimeout"] = "00:00:00.500",
        });
        // A peer that never reads never answers the server's pings, like a laptop that went to sleep.
        using var silent = new ClientWebSocket();
        silent.Options.KeepAliveInterval = TimeSpan.Zero;
        await silent.ConnectAsync(server.ContactUri, CancellationToken.None);
        await Eventually.UntilAsync(() => server.Presence.OnlineCount == 1, "the silent peer to be online");

        await Eventually.UntilAsync(() => server.Presence.OnlineCount == 0, "the silent peer to be dropped by the keep-alive timeout");
    }
}
