using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Conversations;

/// <summary>
/// One live connection of a visitor: who it is, which conversation it is attached to, and its
/// outbound queue. Kept small: thousands of these sit idle at once.
/// </summary>
public sealed class VisitorSession
{
    private readonly Lock _deliveryGate = new();
    private long _lastActivityTicks;

    // The highest reply id queued to this connection: the cursor that makes delivery exactly-once and in order
    // whether a reply comes in-process, over the backplane, or from the store (a gap repaired, a resume replayed).
    private long _deliveredReplyId;

    internal VisitorSession(string clientId, string conversationId, string sessionToken, VisitorEndpoint endpoint, DateTimeOffset connectedAt, OutboundQueue outbound)
    {
        ClientId = clientId;
        ConversationId = conversationId;
        SessionToken = sessionToken;
        Endpoint = endpoint;
        ConnectedAt = connectedAt;
        _lastActivityTicks = connectedAt.UtcTicks;
        Outbound = outbound;
    }

    public string ClientId { get; }

    /// <summary>The conversation this connection belongs to; changes when the client resumes another.</summary>
    public string ConversationId { get; internal set; }

    public string SessionToken { get; internal set; }

    public VisitorEndpoint Endpoint { get; }

    public DateTimeOffset ConnectedAt { get; }

    public DateTimeOffset LastActivityAt => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>The page the visitor last named (contact request), for the inbox.</summary>
    public string? Page { get; internal set; }

    public OutboundQueue Outbound { get; }

    /// <summary>
    /// Whether <see cref="ConversationId"/> exists in the store (it was resumed, or this connection wrote to it):
    /// until then the next write starts a new conversation, which <see cref="VisitorLimits"/> counts.
    /// </summary>
    internal bool ConversationStarted { get; set; }

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);

    /// <summary>Queues one message to this connection only.</summary>
    internal void Send(ServerMessage message)
    {
        if (Outbound.TryEnqueue(ServerMessageWriter.Write(message)))
        {
            ContactMetrics.MessageOut(message);
        }
    }

    /// <summary>The highest reply id queued to this connection (0 before any).</summary>
    internal long DeliveredReplyId => Volatile.Read(ref _deliveredReplyId);

    /// <summary>
    /// Queues a committed reply of this connection's conversation by the cursor rule: an id already passed is a
    /// duplicate and skipped; a reply whose previous reply was queued (or that names none) is queued; otherwise
    /// a reply in between is missing, nothing is queued, and the caller repairs the gap from the store.
    /// </summary>
    internal DeliveryOutcome QueueLive(StoredMessage reply, byte[] frame)
    {
        lock (_deliveryGate)
        {
            if (!string.Equals(reply.ConversationId, ConversationId, StringComparison.Ordinal) || reply.Id <= _deliveredReplyId)
            {
                return DeliveryOutcome.Skipped;
            }

            if (reply.PreviousReplyId > _deliveredReplyId)
            {
                return DeliveryOutcome.Gap;
            }

            Outbound.TryEnqueue(frame);
            Volatile.Write(ref _deliveredReplyId, reply.Id);
            return DeliveryOutcome.Queued;
        }
    }

    /// <summary>
    /// Queues, in order, the replies (read from the store, in id order) this connection has not been sent yet,
    /// after an optional header that is told how many follow (<c>resumed</c>). Returns how many were queued.
    /// </summary>
    internal int QueueMissed(string conversationId, IReadOnlyList<StoredMessage> replies, Func<int, ServerMessage>? header = null)
    {
        lock (_deliveryGate)
        {
            if (!string.Equals(conversationId, ConversationId, StringComparison.Ordinal))
            {
                return 0;
            }

            var first = 0;
            while (first < replies.Count && replies[first].Id <= _deliveredReplyId)
            {
                first++;
            }

            if (header is not null)
            {
                Send(header(replies.Count - first));
            }

            for (var i = first; i < replies.Count; i++)
            {
                var reply = replies[i];
                Outbound.TryEnqueue(ServerMessageWriter.Write(new ChatReply(reply.Text, reply.CreatedAt, reply.Sender, reply.Id, reply.ReplyTo)));
                Volatile.Write(ref _deliveredReplyId, reply.Id);
            }

            return replies.Count - first;
        }
    }

    /// <summary>A resume: the client has seen everything up to <paramref name="lastMessageId"/> of its new conversation.</summary>
    internal void RestartDelivery(long lastMessageId)
    {
        lock (_deliveryGate)
        {
            Volatile.Write(ref _deliveredReplyId, lastMessageId);
        }
    }

    /// <summary>Who the conversation is with, as the store records it with the conversation's first write.</summary>
    internal ConversationOrigin Origin() => new(ConversationId, SessionToken, Endpoint.UserAgent, Endpoint.RemoteAddress, Page);
}

/// <summary>What the transport knows about the visitor's connection.</summary>
public sealed record VisitorEndpoint(string? UserAgent, string? RemoteAddress, string? Origin);
