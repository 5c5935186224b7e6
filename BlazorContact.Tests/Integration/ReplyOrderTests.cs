using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorContact.Tests.Integration;

/// <summary>A client never sees a message id before every reply below it: what a resume from that id relies on.</summary>
public sealed class ReplyOrderTests
{
    [Fact]
    public async Task A_reply_committed_but_not_yet_delivered_is_sent_before_the_next_acknowledgement()
    {
        await using var server = await ContactServer.StartAsync();
        await using var visitor = await server.ConnectAsync();
        await visitor.ChatAsync("hello");
        // Committed without fan-out: as if its delivery were still on its way from another instance.
        var store = server.Services.GetRequiredService<IConversationStore>();
        var pending = await store.AppendReplyAsync(
            new NewReply(visitor.ConversationId, Senders.Owner, "on its way", null, DateTimeOffset.UtcNow), CancellationToken.None);

        await visitor.SendChatAsync("are you there?");

        var first = await visitor.ExpectAsync("chat_message");
        Assert.Equal(pending.Id, first.GetProperty("message_id").GetInt64());
        var ack = await visitor.ExpectAsync("chat_message_received");
        Assert.True(ack.GetProperty("message_id").GetInt64() > pending.Id);
    }
}
