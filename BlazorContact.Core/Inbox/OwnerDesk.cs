using BlazorContact.Core.Events;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Inbox;

/// <summary>
/// What the owner does from the inbox or the owner API (/api/v1): reply, take over, close, mark read,
/// announce. Each action is stored first, then fanned out to visitors and published to the inbox tabs.
/// </summary>
public sealed class OwnerDesk(IConversationStore store, IConversationFanout fanout, IContactEventBus events, TimeProvider time)
{
    /// <summary>Stores the owner's reply and delivers it to the conversation's connections.</summary>
    public async Task<InboxMessage> ReplyAsync(string conversationId, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var reply = await store.AppendReplyAsync(
            new NewReply(conversationId, Senders.Owner, text.Trim(), null, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        fanout.Deliver(reply);
        events.Publish(new MessageStored(reply.ConversationId, reply.Id, reply.Sender));
        return new InboxMessage(reply.Id, reply.ConversationId, reply.Sender, reply.Text, reply.CreatedAt, reply.ReplyTo);
    }

    /// <summary>The owner takes the conversation over (the assistant goes silent) or hands it back.</summary>
    public async Task SetTakeoverAsync(string conversationId, bool tookOver, CancellationToken cancellationToken)
    {
        await store.SetOwnerTookOverAsync(conversationId, tookOver, cancellationToken).ConfigureAwait(false);
        events.Publish(new TakeoverChanged(conversationId, tookOver));
    }

    /// <summary>The owner has seen everything in the conversation so far.</summary>
    public async Task MarkReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        await store.MarkReadAsync(conversationId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        events.Publish(new ConversationUpdated(conversationId));
    }

    /// <summary>Closes or reopens a conversation (a visitor writing again reopens it).</summary>
    public async Task SetClosedAsync(string conversationId, bool closed, CancellationToken cancellationToken)
    {
        await store.SetClosedAsync(conversationId, closed, cancellationToken).ConfigureAwait(false);
        events.Publish(new ConversationUpdated(conversationId));
    }

    /// <summary>Sends an announcement to every connected visitor. Returns how many it was queued to.</summary>
    public int Announce(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return fanout.Announce(text.Trim());
    }
}
