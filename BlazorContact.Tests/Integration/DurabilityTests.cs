using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Integration;

public sealed class DurabilityTests
{
    [Fact]
    public async Task History_survives_a_restart_on_the_same_database_file()
    {
        await using var server = await ContactServer.StartAsync();
        string token;
        var replyIds = new List<long>();
        await using (var client = await server.ConnectAsync())
        {
            token = client.SessionToken;
            foreach (var question in new[] { "how do I embed the widget?", "how do I deploy behind nginx?" })
            {
                var (_, reply) = await client.ChatAsync(question);
                replyIds.Add(reply.GetProperty("message_id").GetInt64());
            }
        }

        await server.RestartAsync();

        await using var again = await server.ConnectAsync();
        await again.SendAsync(new Resume(token));
        var resumed = await again.ExpectAsync("resumed");
        Assert.Equal(2, resumed.GetProperty("replayed").GetInt32());
        Assert.Equal(replyIds[0], (await again.ExpectAsync("chat_message")).GetProperty("message_id").GetInt64());
        Assert.Equal(replyIds[1], (await again.ExpectAsync("chat_message")).GetProperty("message_id").GetInt64());
    }

    [Fact]
    public async Task Storage_that_cannot_commit_gets_unavailable_and_nothing_is_acknowledged()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["Storage:BusyTimeout"] = "00:00:00.300" });
        await using var client = await server.ConnectAsync();

        // Another process holding the write lock is a real way for SQLite to be unable to commit.
        using (var blocker = server.OpenDatabase())
        {
            using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();

            await client.SendChatAsync("will this be saved?");
            var error = await client.ExpectAsync("error");
            Assert.Equal("unavailable", error.GetProperty("code").GetString());

            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        Assert.Equal(0, server.CountRows("SELECT COUNT(*) FROM messages WHERE text = 'will this be saved?'"));
        var (ack, _) = await client.ChatAsync("and now?");
        Assert.True(ack.GetProperty("message_id").GetInt64() > 0);
    }

    [Fact]
    public async Task Too_many_messages_get_rate_limited_until_the_bucket_refills()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ContactServer.StartAsync(
            new Dictionary<string, string?> { ["Contact:RateLimitPerSecond"] = "1", ["Contact:RateLimitBurst"] = "3" }, time: time);
        await using var client = await server.ConnectAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.SendPingAsync();
            await client.ExpectAsync("pong");
        }

        await client.SendChatAsync("one too many");
        var error = await client.ExpectAsync("error");
        Assert.Equal("rate_limited", error.GetProperty("code").GetString());
        Assert.Equal(0, server.CountRows("SELECT COUNT(*) FROM messages WHERE text = 'one too many'"));

        // One second on the server's clock refills one token: the next message goes through.
        time.Advance(TimeSpan.FromSeconds(1));
        var (ack, _) = await client.ChatAsync("after a pause");
        Assert.True(ack.GetProperty("message_id").GetInt64() > 0);
    }

    [Fact]
    public async Task Server_texts_follow_the_configured_culture()
    {
        await using var server = await ContactServer.StartAsync(new Dictionary<string, string?> { ["Contact:Culture"] = "en" });
        await using var client = await server.ConnectAsync();
        Assert.Equal("WebSocket connection established", client.Established.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invalid_settings_fail_start_up_with_a_sentence()
    {
        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            ContactServer.StartAsync(new Dictionary<string, string?> { ["Contact:MaxMessageLength"] = "0" }));
        Assert.Contains("Contact:MaxMessageLength must be between", error.Message);
    }
}
