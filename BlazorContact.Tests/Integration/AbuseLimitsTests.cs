using System.Net;
using System.Net.WebSockets;
using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Integration;

/// <summary>The <c>Limits</c> settings against a real server: each trips at its number, not before, and recovers with time.</summary>
public sealed class AbuseLimitsTests
{
    private static ContactRequest Request(string text) => new(text, "2025-01-01T12:00:00", "test");

    private static async Task ExpectRateLimitedAsync(ContactClient client)
    {
        var error = await client.ExpectAsync("error");
        Assert.Equal("rate_limited", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Message_rate_follows_the_conversation_across_a_reconnect()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(
            new Dictionary<string, string?> { ["Contact:RateLimitPerSecond"] = "1", ["Contact:RateLimitBurst"] = "3" }, time: time);
        string token;
        long seen = 0;
        await using (var first = await server.ConnectAsync())
        {
            token = first.SessionToken;
            for (var i = 0; i < 3; i++)
            {
                var (_, reply) = await first.ChatAsync($"question {i}");
                seen = reply.GetProperty("message_id").GetInt64();
            }

            await first.CloseAsync();
        }

        // A new connection resuming the conversation finds its bucket as the last one left it: empty.
        await using var second = await server.ConnectAsync();
        await second.SendAsync(new Resume(token, seen));
        await second.ExpectAsync("resumed");
        await second.SendChatAsync("one too many");
        await ExpectRateLimitedAsync(second);
        Assert.Equal(0, server.CountRows("SELECT COUNT(*) FROM messages WHERE text = 'one too many'"));

        time.Advance(TimeSpan.FromSeconds(1));
        var (ack, _) = await second.ChatAsync("after a pause");
        Assert.True(ack.GetProperty("message_id").GetInt64() > 0);
    }

    [Fact]
    public async Task Message_rate_per_address_counts_every_connection_of_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(
            new Dictionary<string, string?> { ["Limits:IpMessagesPerSecond"] = "1", ["Limits:IpMessageBurst"] = "3" }, time: time);
        await using var one = await server.ConnectAsync();
        await using var two = await server.ConnectAsync();
        foreach (var client in new[] { one, two, one })
        {
            await client.SendPingAsync();
            await client.ExpectAsync("pong");
        }

        await two.SendPingAsync();
        await ExpectRateLimitedAsync(two);

        time.Advance(TimeSpan.FromSeconds(1));
        await two.SendPingAsync();
        await two.ExpectAsync("pong");
    }

    [Fact]
    public async Task New_conversations_per_address_are_counted_at_their_first_stored_write_and_refill_in_an_hour()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(
            new Dictionary<string, string?> { ["Limits:NewConversationsPerIpPerHour"] = "2" }, time: time);
        await using var first = await server.ConnectAsync();
        await first.ChatAsync("first conversation");
        await first.ChatAsync("same conversation, not a new one");
        await using var second = await server.ConnectAsync();
        await second.SendAsync(Request("second conversation"));
        await second.ExpectAsync("contact_request_received");

        // Connecting and pinging store nothing, so they start nothing; the third conversation's first write is refused.
        await using var third = await server.ConnectAsync();
        await third.SendPingAsync();
        await third.ExpectAsync("pong");
        await third.SendChatAsync("third conversation");
        await ExpectRateLimitedAsync(third);
        await third.SendAsync(Request("third conversation"));
        await ExpectRateLimitedAsync(third);
        Assert.Equal(0, server.CountRows("SELECT COUNT(*) FROM conversations WHERE id = $c", ("$c", third.ConversationId)));
        Assert.Equal(0, server.CountRows("SELECT COUNT(*) FROM messages WHERE text = 'third conversation'"));

        // Resuming an existing conversation is not a new one.
        await third.SendAsync(new Resume(first.SessionToken, long.MaxValue));
        await third.ExpectAsync("resumed");
        await third.SendChatAsync("back in the first conversation");
        await third.ExpectAsync("chat_message_received");

        time.Advance(TimeSpan.FromHours(1));
        foreach (var text in new[] { "after an hour, one", "after an hour, two" })
        {
            await using var later = await server.ConnectAsync();
            await later.SendChatAsync(text);
            await later.ExpectAsync("chat_message_received");
        }

        await using var over = await server.ConnectAsync();
        await over.SendChatAsync("after an hour, three");
        await ExpectRateLimitedAsync(over);
    }

    [Fact]
    public async Task Connections_per_address_over_the_limit_are_refused_with_429_before_the_upgrade()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["Limits:ConnectionsPerIp"] = "2" });
        await using var one = await server.ConnectAsync();
        await using var two = await server.ConnectAsync();

        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(server.ContactUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.HttpStatusCode);

        // A connection that ends gives its place back.
        await one.CloseAsync();
        await Eventually.UntilAsync(async () =>
        {
            using var probe = new ClientWebSocket();
            try
            {
                await probe.ConnectAsync(server.ContactUri, CancellationToken.None);
                return true;
            }
            catch (WebSocketException)
            {
                return false;
            }
        }, "a third connection once one closed");
    }

    [Fact]
    public async Task A_connection_that_sends_nothing_is_closed_with_1008_after_the_first_message_timeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["Limits:FirstMessageTimeout"] = "00:01:00" }, time: time);
        await using var silent = await server.ConnectAsync();
        await using var talker = await server.ConnectAsync();
        await talker.SendPingAsync();
        await talker.ExpectAsync("pong");

        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(200);
        Assert.Equal(WebSocketState.Open, silent.Socket.State);

        time.Advance(TimeSpan.FromSeconds(1));
        using var timeout = new CancellationTokenSource(ContactClient.DefaultTimeout);
        var result = await silent.Socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, silent.Socket.CloseStatus);

        // One that spoke is not timed out: from then on, pings keep it.
        time.Advance(TimeSpan.FromMinutes(10));
        await talker.SendPingAsync();
        await talker.ExpectAsync("pong");
    }

    [Fact]
    public async Task Contact_requests_are_capped_per_conversation_across_a_reconnect_and_per_address()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Limits:ContactRequestsPerConversationPerHour"] = "2",
                ["Limits:ContactRequestsPerIpPerHour"] = "3",
            },
            time: time);
        string token;
        await using (var first = await server.ConnectAsync())
        {
            token = first.SessionToken;
            for (var i = 0; i < 2; i++)
            {
                await first.SendAsync(Request($"request {i}"));
                await first.ExpectAsync("contact_request_received");
            }

            await first.SendAsync(Request("one too many"));
            await ExpectRateLimitedAsync(first);
            await first.CloseAsync();
        }

        await using var again = await server.ConnectAsync();
        await again.SendAsync(new Resume(token, long.MaxValue));
        await again.ExpectAsync("resumed");
        await again.SendAsync(Request("one too many"));
        await ExpectRateLimitedAsync(again);
        Assert.Equal(0, server.CountRows("SELECT COUNT(*) FROM contact_requests WHERE text = 'one too many'"));

        // The third from this address, in another conversation, passes; the fourth is over the address's limit.
        await using var other = await server.ConnectAsync();
        await other.SendAsync(Request("other conversation"));
        await other.ExpectAsync("contact_request_received");
        await other.SendAsync(Request("other, over the address limit"));
        await ExpectRateLimitedAsync(other);

        time.Advance(TimeSpan.FromHours(1));
        await again.SendAsync(Request("an hour later"));
        await again.ExpectAsync("contact_request_received");
    }

    [Fact]
    public async Task Limits_set_to_zero_are_off()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?>
        {
            ["Limits:ConnectionsPerIp"] = "0",
            ["Limits:NewConversationsPerIpPerHour"] = "0",
            ["Limits:ContactRequestsPerConversationPerHour"] = "0",
            ["Limits:ContactRequestsPerIpPerHour"] = "0",
            ["Limits:IpMessagesPerSecond"] = "0",
        });
        var clients = new List<ContactClient>();
        try
        {
            for (var i = 0; i < 25; i++)
            {
                var client = await server.ConnectAsync();
                clients.Add(client);
                await client.SendAsync(Request($"request {i}"));
                await client.ExpectAsync("contact_request_received");
            }

            for (var i = 0; i < 5; i++)
            {
                await clients[0].SendAsync(Request($"more {i}"));
                await clients[0].ExpectAsync("contact_request_received");
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
