using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Conversations;

/// <summary>
/// One live connection of a visitor: who it is, which conversation it is attached to, and its
/// outbound queue. Kept small: thousands of these sit idle at once.
/// </summary>
public sealed class VisitorSession
{
    private long _lastActivityTicks;

    internal VisitorSession(string clientId, string conversationId, string sessionToken, VisitorEndpoint endpoint, DateTimeOffset connectedAt, OutboundQueue outbound, TokenBucket rateLimit)
    {
        ClientId = clientId;
        ConversationId = conversationId;
        SessionToken = sessionToken;
        Endpoint = endpoint;
        ConnectedAt = connectedAt;
        _lastActivityTicks = connectedAt.UtcTicks;
        Outbound = outbound;
        RateLimit = rateLimit;
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

    internal TokenBucket RateLimit { get; }

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);

    /// <summary>Queues one message to this connection only.</summary>
    internal void Send(ServerMessage message)
    {
        if (Outbound.TryEnqueue(ServerMessageWriter.Write(message)))
        {
            ContactMetrics.MessageOut(message);
        }
    }

    /// <summary>Who the conversation is with, as the store records it with the conversation's first write.</summary>
    internal ConversationOrigin Origin() => new(ConversationId, SessionToken, Endpoint.UserAgent, Endpoint.RemoteAddress, Page);
}

/// <summary>What the transport knows about the visitor's connection.</summary>
public sealed record VisitorEndpoint(string? UserAgent, string? RemoteAddress, string? Origin);
