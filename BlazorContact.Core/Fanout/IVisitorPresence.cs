namespace BlazorContact.Core.Fanout;

/// <summary>Who is online, as the inbox and the home page show it. Cluster-wide once a backplane is configured.</summary>
public interface IVisitorPresence
{
    /// <summary>Open visitor connections.</summary>
    int OnlineCount { get; }

    /// <summary>Whether a visitor of the conversation is connected right now.</summary>
    bool IsOnline(string conversationId);
}
