using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Conversations;

/// <summary>
/// The abuse limits, kept per conversation and per client IP rather than per connection, so reconnecting
/// (and resuming) does not reset them. In memory, per instance; a null address (not known) is not limited by IP.
/// </summary>
public sealed class VisitorLimits
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly KeyedTokenBuckets _conversationMessages;
    private readonly KeyedTokenBuckets _ipMessages;
    private readonly KeyedTokenBuckets _ipNewConversations;
    private readonly KeyedTokenBuckets _conversationContactRequests;
    private readonly KeyedTokenBuckets _ipContactRequests;
    private readonly Dictionary<string, int> _connections = new(StringComparer.Ordinal);
    private readonly Lock _connectionsGate = new();
    private readonly int _connectionsPerIp;

    public VisitorLimits(IOptions<ContactOptions> contact, IOptions<LimitsOptions> limits, TimeProvider time)
    {
        var c = contact.Value;
        var l = limits.Value;
        _conversationMessages = new KeyedTokenBuckets(c.RateLimitPerSecond, c.RateLimitBurst, l.MaxTrackedKeys, time);
        _ipMessages = new KeyedTokenBuckets(l.IpMessagesPerSecond, l.IpMessageBurst, l.MaxTrackedKeys, time);
        _ipNewConversations = new KeyedTokenBuckets(l.NewConversationsPerIpPerHour, Hour, l.MaxTrackedKeys, time);
        _conversationContactRequests = new KeyedTokenBuckets(l.ContactRequestsPerConversationPerHour, Hour, l.MaxTrackedKeys, time);
        _ipContactRequests = new KeyedTokenBuckets(l.ContactRequestsPerIpPerHour, Hour, l.MaxTrackedKeys, time);
        _connectionsPerIp = l.ConnectionsPerIp;
        FirstMessageTimeout = l.FirstMessageTimeout;
    }

    /// <summary>How long a new connection may stay silent; <see cref="TimeSpan.Zero"/> when off.</summary>
    public TimeSpan FirstMessageTimeout { get; }

    /// <summary>One incoming frame: counted against the conversation and the address. Null when allowed, else why not.</summary>
    internal string? TryTakeMessage(VisitorSession session)
    {
        if (!_conversationMessages.TryTake(session.ConversationId))
        {
            return "Too many messages in this conversation; slow down.";
        }

        return _ipMessages.TryTake(session.Endpoint.RemoteAddress) ? null : "Too many messages from this address; slow down.";
    }

    /// <summary>The first stored write of a conversation: counted against the address's new conversations per hour.</summary>
    internal string? TryStartConversation(VisitorSession session) =>
        _ipNewConversations.TryTake(session.Endpoint.RemoteAddress) ? null : "Too many new conversations from this address; try again later.";

    /// <summary>A contact request (it notifies the owner): counted against the conversation and the address per hour.</summary>
    internal string? TryTakeContactRequest(VisitorSession session)
    {
        if (!_conversationContactRequests.TryTake(session.ConversationId))
        {
            return "Too many contact requests in this conversation; try again later.";
        }

        return _ipContactRequests.TryTake(session.Endpoint.RemoteAddress) ? null : "Too many contact requests from this address; try again later.";
    }

    /// <summary>
    /// Counts an open connection of <paramref name="remoteAddress"/>; null when the address already holds
    /// <see cref="LimitsOptions.ConnectionsPerIp"/>. Dispose the lease when the connection ends.
    /// </summary>
    public IDisposable? TryOpenConnection(string? remoteAddress)
    {
        if (_connectionsPerIp <= 0 || remoteAddress is null)
        {
            return NoLease.Instance;
        }

        lock (_connectionsGate)
        {
            var open = _connections.GetValueOrDefault(remoteAddress);
            if (open >= _connectionsPerIp)
            {
                return null;
            }

            _connections[remoteAddress] = open + 1;
        }

        return new ConnectionLease(this, remoteAddress);
    }

    private void Release(string remoteAddress)
    {
        lock (_connectionsGate)
        {
            // Entries exist only while connections are open, so the table is bounded by the open sockets.
            var open = _connections.GetValueOrDefault(remoteAddress) - 1;
            if (open <= 0)
            {
                _connections.Remove(remoteAddress);
            }
            else
            {
                _connections[remoteAddress] = open;
            }
        }
    }

    private sealed class ConnectionLease(VisitorLimits owner, string remoteAddress) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(remoteAddress);
            }
        }
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
