namespace BlazorContact.Core.Conversations;

/// <summary>Settings bound from the <c>Contact</c> configuration section; validated at start-up.</summary>
public sealed class ContactOptions
{
    public const string SectionName = "Contact";

    /// <summary>Longest accepted <c>message</c>, in characters (code points).</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Largest accepted WebSocket message; a larger one closes the connection with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 65536;

    /// <summary>Origins allowed to open <c>/contact</c> (e.g. <c>https://blog.example.com</c>); empty allows any.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Language of the server's texts: <c>zh-CN</c> (default, as in the guide) or <c>en</c>.</summary>
    public string Culture { get; set; } = "zh-CN";

    /// <summary>How often the server sends a WebSocket ping frame.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the server waits for the pong before dropping the peer as dead.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Frames a connection may have waiting to be sent; a client that falls this far behind is disconnected.</summary>
    public int OutboundQueueLimit { get; set; } = 256;

    /// <summary>Sustained messages per second one connection may send; 0 turns rate limiting off.</summary>
    public double RateLimitPerSecond { get; set; } = 5;

    /// <summary>Messages one connection may send in a burst above the sustained rate.</summary>
    public int RateLimitBurst { get; set; } = 20;

    /// <summary>How long a <c>session_token</c> stays valid after the conversation's last activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a closing handshake may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
