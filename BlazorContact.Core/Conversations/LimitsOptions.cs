namespace BlazorContact.Core.Conversations;

/// <summary>
/// Abuse limits bound from the <c>Limits</c> configuration section; validated at start-up. Every count
/// can be set to 0 to turn that limit off. Counts "per hour" are token buckets: the full count is
/// available at once, and it refills evenly over the hour.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Sustained messages per second from one client IP, over all its connections; 0 turns it off.</summary>
    public double IpMessagesPerSecond { get; set; } = 20;

    /// <summary>Messages one client IP may send in a burst above <see cref="IpMessagesPerSecond"/>.</summary>
    public int IpMessageBurst { get; set; } = 100;

    /// <summary>Conversations one client IP may start per hour (a conversation starts with its first stored message or contact request).</summary>
    public int NewConversationsPerIpPerHour { get; set; } = 20;

    /// <summary>Open <c>/contact</c> WebSockets one client IP may hold; the next upgrade is answered 429.</summary>
    public int ConnectionsPerIp { get; set; } = 20;

    /// <summary>How long a new connection may stay silent before it is closed with 1008; 0 turns it off.</summary>
    public TimeSpan FirstMessageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Contact requests (each notifies the owner) per conversation per hour.</summary>
    public int ContactRequestsPerConversationPerHour { get; set; } = 3;

    /// <summary>Contact requests per client IP per hour.</summary>
    public int ContactRequestsPerIpPerHour { get; set; } = 10;

    /// <summary>Most conversations or addresses each limit remembers; beyond it, the least recently seen are forgotten.</summary>
    public int MaxTrackedKeys { get; set; } = 100_000;
}
