using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Integration;

public sealed class ContactEndpointTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private ContactServer Server => fixture.Server;

    [Fact]
    public async Task Connection_established_carries_ids_and_an_offset_timestamp()
    {
        await using var client = await Server.ConnectAsync();

        Assert.True(Guid.TryParse(client.ClientId, out _));
        Assert.True(Guid.TryParse(client.ConversationId, out _));
        Assert.True(client.SessionToken.Length >= 32);
        Assert.Equal("WebSocket连接已建立", client.Established.GetProperty("message").GetString());
        var timestamp = client.Established.GetProperty("timestamp").GetString()!;
        Assert.EndsWith("+00:00", timestamp);
        var parsed = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - parsed, TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Contact_request_is_stored_then_acknowledged_with_its_id()
    {
        await using var client = await Server.ConnectAsync();
        await client.SendAsync(new ContactRequest(
            "你好，我想咨询技术问题", "2025-01-01T12:00:00", "Python客户端", Name: "Ada", Email: "ada@example.com", Page: "/posts/hello"));

        var ack = await client.ExpectAsync("contact_request_received");
        var requestId = ack.GetProperty("request_id").GetInt64();
        Assert.False(string.IsNullOrEmpty(ack.GetProperty("message").GetString()));
        Assert.Equal(1, Server.CountRows(
            "SELECT COUNT(*) FROM contact_requests WHERE id = $id AND conversation_id = $c AND user_agent = 'Python客户端' AND email = 'ada@example.com' AND client_timestamp = '2025-01-01T12:00:00'",
            ("$id", requestId), ("$c", client.ConversationId)));
    }

    [Fact]
    public async Task Chat_message_is_acknowledged_after_storage_then_answered_by_the_assistant()
    {
        await using var client = await Server.ConnectAsync();
        var (ack, reply) = await client.ChatAsync("怎么把聊天窗口嵌入我的博客？", "c-1");

        var messageId = ack.GetProperty("message_id").GetInt64();
        Assert.Equal("c-1", ack.GetProperty("client_message_id").GetString());
        Assert.Equal(1, Server.CountRows("SELECT COUNT(*) FROM messages WHERE id = $id AND sender = 'visitor'", ("$id", messageId)));
        Assert.Equal("assistant", reply.GetProperty("sender").GetString());
        Assert.Equal(messageId, reply.GetProperty("reply_to").GetInt64());
        Assert.True(reply.GetProperty("message_id").GetInt64() > messageId);
        Assert.Contains("contact-widget.js", reply.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Ping_gets_pong_with_a_timestamp()
    {
        await using var client = await Server.ConnectAsync();
        await client.SendPingAsync();
        var pong = await client.ExpectAsync("pong");
        Assert.True(DateTimeOffset.TryParse(pong.GetProperty("timestamp").GetString(), CultureInfo.InvariantCulture, out _));
    }

    [Theory]
    [InlineData("not json at all", "invalid_json")]
    [InlineData("[1,2,3]", "invalid_json")]
    [InlineData("""{"message":"hi"}""", "missing_field")]
    [InlineData("""{"type":"teleport"}""", "unknown_type")]
    [InlineData("""{"type":"chat_message","timestamp":"2025-01-01T12:00:00"}""", "missing_field")]
    [InlineData("""{"type":"chat_message","message":"   ","timestamp":"2025-01-01T12:00:00"}""", "invalid_field")]
    [InlineData("""{"type":"chat_message","message":"hi","timestamp":"yesterday"}""", "invalid_field")]
    [InlineData("""{"type":"chat_message","message":42,"timestamp":"2025-01-01T12:00:00"}""", "invalid_field")]
    [InlineData("""{"type":"contact_request","message":"hi","timestamp":"2025-01-01T12:00:00"}""", "missing_field")]
    [InlineData("""{"type":"contact_request","message":"hi","timestamp":"2025-01-01T12:00:00","userAgent":"x","email":"nope"}""", "invalid_field")]
    [InlineData("""{"type":"resume","session_token":"no-such-token"}""", "invalid_field")]
    [InlineData("""{"type":"resume"}""", "missing_field")]
    public async Task Bad_input_gets_an_error_with_its_code_and_the_connection_stays_open(string frame, string code)
    {
        await using var client = await Server.ConnectAsync();
        await client.SendTextAsync(frame);

        var error = await client.ExpectAsync("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        await client.SendPingAsync();
        await client.ExpectAsync("pong");
    }

    [Fact]
    public async Task Message_over_the_length_limit_is_rejected_and_not_stored()
    {
        await using var client = await Server.ConnectAsync();
        await client.SendChatAsync(new string('长', 4001));

        var error = await client.ExpectAsync("error");
        Assert.Equal("message_too_long", error.GetProperty("code").GetString());
        Assert.Equal(0, Server.CountRows("SELECT COUNT(*) FROM messages WHERE conversation_id = $c", ("$c", client.ConversationId)));

        var (ack, _) = await client.ChatAsync(new string('长', 4000));
        Assert.True(ack.GetProperty("message_id").GetInt64() > 0);
    }

    [Fact]
    public async Task Binary_frame_gets_invalid_json()
    {
        await using var client = await Server.ConnectAsync();
        await client.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        var error = await client.ExpectAsync("error");
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Frame_over_the_byte_limit_closes_the_connection_with_1009()
    {
        await using var client = await Server.ConnectAsync();
        var huge = Encoding.UTF8.GetBytes($$"""{"type":"chat_message","message":"{{new string('a', 70_000)}}","timestamp":"2025-01-01T12:00:00"}""");
        await client.Socket.SendAsync(huge, WebSocketMessageType.Text, true, CancellationToken.None);

        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(ContactClient.DefaultTimeout);
        var result = await client.Socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, result.CloseStatus);
    }

    [Fact]
    public async Task Unknown_extra_fields_are_ignored()
    {
        await using var client = await Server.ConnectAsync();
        await client.SendTextAsync("""{"type":"chat_message","message":"hello","timestamp":"2025-01-01T12:00:00Z","mood":"happy","n":[1,2]}""");
        await client.ExpectAsync("chat_message_received");
        await client.ExpectAsync("chat_message");
    }

    [Fact]
    public async Task Fifty_concurrent_clients_get_distinct_ids_and_their_own_replies()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Server.ConnectAsync()));
        try
        {
            Assert.Equal(50, clients.Select(c => c.ClientId).Distinct().Count());
            Assert.Equal(50, clients.Select(c => c.ConversationId).Distinct().Count());
            Assert.Equal(50, clients.Select(c => c.SessionToken).Distinct().Count());

            var results = await Task.WhenAll(clients.Select((client, i) => client.ChatAsync($"client {i}: how do I deploy behind nginx?", $"k{i}")));
            for (var i = 0; i < clients.Length; i++)
            {
                var (ack, reply) = results[i];
                Assert.Equal($"k{i}", ack.GetProperty("client_message_id").GetString());
                Assert.Equal(ack.GetProperty("message_id").GetInt64(), reply.GetProperty("reply_to").GetInt64());
                Assert.Equal(1, Server.CountRows(
                    "SELECT COUNT(*) FROM messages WHERE id = $id AND conversation_id = $c AND text LIKE $t",
                    ("$id", ack.GetProperty("message_id").GetInt64()), ("$c", clients[i].ConversationId), ("$t", $"client {i}:%")));
            }

            Assert.Equal(50, results.Select(r => r.Ack.GetProperty("message_id").GetInt64()).Distinct().Count());
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Resend_with_same_client_message_id_is_stored_once_acked_with_same_id_and_answered_once()
    {
        await using var client = await Server.ConnectAsync();
        var (first, _) = await client.ChatAsync("what is the tech stack?", "same-id");

        await client.SendChatAsync("what is the tech stack?", "same-id");
        var second = await client.ExpectAsync("chat_message_received");
        // Handled in order on one connection: had a second answer been made, it would come before the pong.
        await client.SendPingAsync();
        await client.ExpectAsync("pong");

        Assert.Equal(first.GetProperty("message_id").GetInt64(), second.GetProperty("message_id").GetInt64());
        Assert.Equal("same-id", second.GetProperty("client_message_id").GetString());
        Assert.Equal(1, Server.CountRows("SELECT COUNT(*) FROM messages WHERE conversation_id = $c AND sender = 'visitor'", ("$c", client.ConversationId)));
        Assert.Equal(1, Server.CountRows("SELECT COUNT(*) FROM messages WHERE conversation_id = $c AND sender = 'assistant'", ("$c", client.ConversationId)));
    }

    [Fact]
    public async Task Resume_replays_exactly_the_replies_missed_while_away()
    {
        string token;
        string conversationId;
        long seen;
        await using (var first = await Server.ConnectAsync())
        {
            var (_, reply) = await first.ChatAsync("how do I configure the server?");
            seen = reply.GetProperty("message_id").GetInt64();
            token = first.SessionToken;
            conversationId = first.ConversationId;
            await first.CloseAsync();
        }

        var missedOne = await Server.Desk.ReplyAsync(conversationId, "Owner here, one", CancellationToken.None);
        var missedTwo = await Server.Desk.ReplyAsync(conversationId, "Owner here, two", CancellationToken.None);

        await using var second = await Server.ConnectAsync();
        await second.SendAsync(new Resume(token, seen));
        var resumed = await second.ExpectAsync("resumed");
        Assert.Equal(2, resumed.GetProperty("replayed").GetInt32());
        Assert.Equal(conversationId, resumed.GetProperty("conversation_id").GetString());
        Assert.Equal(second.ClientId, resumed.GetProperty("client_id").GetString());

        var one = await second.ExpectAsync("chat_message");
        var two = await second.ExpectAsync("chat_message");
        Assert.Equal(missedOne.Id, one.GetProperty("message_id").GetInt64());
        Assert.Equal("owner", one.GetProperty("sender").GetString());
        Assert.Equal("Owner here, one", one.GetProperty("message").GetString());
        Assert.Equal(missedTwo.Id, two.GetProperty("message_id").GetInt64());

        // The resumed connection now belongs to the conversation: new messages land there.
        var (ack, _) = await second.ChatAsync("thanks");
        Assert.Equal(1, Server.CountRows("SELECT COUNT(*) FROM messages WHERE id = $id AND conversation_id = $c", ("$id", ack.GetProperty("message_id").GetInt64()), ("$c", conversationId)));
    }

    [Fact]
    public async Task History_returns_the_whole_conversation_oldest_first_in_pages()
    {
        string token;
        await using (var first = await Server.ConnectAsync())
        {
            await first.ChatAsync("how do I embed the widget?", "h-1");
            await first.ChatAsync("how do I deploy behind nginx?", "h-2");
            token = first.SessionToken;
        }

        await using var reloaded = await Server.ConnectAsync();
        await reloaded.SendAsync(new Resume(token));
        await reloaded.ExpectAsync("resumed");
        await reloaded.ExpectAsync("chat_message");
        await reloaded.ExpectAsync("chat_message");

        await reloaded.SendAsync(new HistoryRequest(Limit: 3));
        var latest = await reloaded.ExpectAsync("history");
        Assert.Empty(Support.ServerMessageProblems.Of(latest));
        Assert.True(latest.GetProperty("has_more").GetBoolean());
        var page = latest.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["assistant", "visitor", "assistant"], page.Select(m => m.GetProperty("sender").GetString()));
        Assert.Equal("how do I deploy behind nginx?", page[1].GetProperty("message").GetString());
        Assert.Equal("h-2", page[1].GetProperty("client_message_id").GetString());

        await reloaded.SendAsync(new HistoryRequest(BeforeMessageId: page[0].GetProperty("message_id").GetInt64()));
        var older = await reloaded.ExpectAsync("history");
        Assert.False(older.GetProperty("has_more").GetBoolean());
        var oldest = Assert.Single(older.GetProperty("messages").EnumerateArray());
        Assert.Equal("how do I embed the widget?", oldest.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unanswered_question_is_passed_to_the_owner_when_the_visitor_says_yes()
    {
        await using var client = await Server.ConnectAsync();
        var (_, notFound) = await client.ChatAsync("今天天气怎么样？");
        Assert.Contains("是", notFound.GetProperty("message").GetString());

        var (_, confirmation) = await client.ChatAsync("是的！");
        Assert.Equal("好的，已把您的问题转给博主，博主会尽快回复您。", confirmation.GetProperty("message").GetString());
        Assert.Equal(1, Server.CountRows(
            "SELECT COUNT(*) FROM contact_requests WHERE conversation_id = $c AND text = '今天天气怎么样？'", ("$c", client.ConversationId)));
    }

    [Fact]
    public async Task Anything_but_yes_drops_the_offer()
    {
        await using var client = await Server.ConnectAsync();
        await client.ChatAsync("what's the price of bitcoin?");
        await client.ChatAsync("how do I deploy behind nginx?");
        await client.ChatAsync("yes");
        Assert.Equal(0, Server.CountRows("SELECT COUNT(*) FROM contact_requests WHERE conversation_id = $c", ("$c", client.ConversationId)));
    }

    [Fact]
    public async Task Owner_reply_reaches_every_open_connection_of_the_conversation()
    {
        await using var client = await Server.ConnectAsync();
        await client.ChatAsync("hello there");
        await Server.Desk.ReplyAsync(client.ConversationId, "Hi, it's the owner", CancellationToken.None);
        var reply = await client.ExpectAsync("chat_message");
        Assert.Equal("owner", reply.GetProperty("sender").GetString());
        Assert.Equal("Hi, it's the owner", reply.GetProperty("message").GetString());
    }

    [Fact]
    public async Task After_takeover_the_assistant_stays_silent()
    {
        await using var client = await Server.ConnectAsync();
        await client.ChatAsync("first question");
        await Server.Desk.SetTakeoverAsync(client.ConversationId, true, CancellationToken.None);

        await client.SendChatAsync("second question");
        await client.ExpectAsync("chat_message_received");
        await client.SendPingAsync();
        await client.ExpectAsync("pong");
    }

    [Fact]
    public async Task Announcement_reaches_every_connected_visitor()
    {
        await using var a = await Server.ConnectAsync();
        await using var b = await Server.ConnectAsync();
        var sent = Server.Desk.Announce("Back online after maintenance");
        Assert.True(sent >= 2);
        foreach (var client in new[] { a, b })
        {
            var announcement = await client.ExpectAsync("announcement");
            Assert.Equal("Back online after maintenance", announcement.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Plain_http_request_to_the_endpoint_gets_400()
    {
        using var http = new HttpClient { BaseAddress = Server.HttpUri };
        var response = await http.GetAsync("/contact");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Home_page_says_what_the_server_is_and_how_to_connect()
    {
        using var http = new HttpClient { BaseAddress = Server.HttpUri };
        var html = await http.GetStringAsync("/?lang=en");
        Assert.Contains("BlazorContact", html);
        Assert.Contains($"ws://{Server.HttpUri.Authority}/contact", html);
    }
}
