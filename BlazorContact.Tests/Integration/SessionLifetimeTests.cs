using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Auth;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Integration;

/// <summary>
/// Sessions on the server's own clock and ids: a <see cref="FakeTimeProvider"/> the test moves and a
/// <see cref="SequentialIdGenerator"/> whose ids it predicts, so no test waits for a session to expire.
/// </summary>
public sealed class SessionLifetimeTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private Task<ContactServer> StartAsync()
    {
        // With an owner password set, no setup token is made at start, so visitors get the tokens from the first.
        var settings = OwnerServerFixture.SettingsFor(OwnerServerFixture.Password);
        settings["Contact:SessionLifetime"] = Lifetime.ToString();
        return ContactServer.StartAsync(settings, time: _time, ids: new SequentialIdGenerator());
    }

    [Fact]
    public async Task Connection_established_carries_the_ids_the_generator_makes()
    {
        await using var server = await StartAsync();

        await using var first = await server.ConnectAsync();
        await using var second = await server.ConnectAsync();

        Assert.Equal(SequentialIdGenerator.ClientId(1), first.ClientId);
        Assert.Equal(SequentialIdGenerator.ConversationId(1), first.ConversationId);
        Assert.Equal(SequentialIdGenerator.SessionToken(1), first.SessionToken);
        Assert.Equal(SequentialIdGenerator.ClientId(2), second.ClientId);
        Assert.Equal(SequentialIdGenerator.ConversationId(2), second.ConversationId);
        Assert.Empty(ServerMessageProblems.Of(first.Established));
    }

    [Fact]
    public async Task A_resume_with_the_first_token_just_within_the_lifetime_moves_the_second_client_into_the_first_conversation()
    {
        await using var server = await StartAsync();
        await using (var first = await server.ConnectAsync())
        {
            await first.ChatAsync("how do I embed the widget?");
        }

        _time.Advance(Lifetime - TimeSpan.FromMinutes(1));
        await using var second = await server.ConnectAsync();
        await second.SendAsync(new Resume(SequentialIdGenerator.SessionToken(1)));

        var resumed = await second.ExpectAsync("resumed");
        Assert.Equal(SequentialIdGenerator.ConversationId(1), resumed.GetProperty("conversation_id").GetString());
        Assert.Equal(SequentialIdGenerator.ClientId(2), resumed.GetProperty("client_id").GetString());
        Assert.Equal(1, resumed.GetProperty("replayed").GetInt32());
        await second.ExpectAsync("chat_message");
    }

    [Fact]
    public async Task A_resume_after_the_lifetime_is_refused_and_the_connection_keeps_its_own_conversation()
    {
        await using var server = await StartAsync();
        await using (var first = await server.ConnectAsync())
        {
            await first.ChatAsync("how do I embed the widget?");
        }

        _time.Advance(Lifetime + TimeSpan.FromSeconds(1));
        await using var second = await server.ConnectAsync();
        await second.SendAsync(new Resume(SequentialIdGenerator.SessionToken(1)));

        var error = await second.ExpectAsync("error");
        Assert.Equal("invalid_field", error.GetProperty("code").GetString());
        var (ack, _) = await second.ChatAsync("still here?");
        Assert.Equal(1, server.CountRows(
            "SELECT COUNT(*) FROM messages WHERE id = $id AND conversation_id = $c",
            ("$id", ack.GetProperty("message_id").GetInt64()), ("$c", SequentialIdGenerator.ConversationId(2))));
    }
}
