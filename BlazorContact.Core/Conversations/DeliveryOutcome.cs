namespace BlazorContact.Core.Conversations;

/// <summary>What <see cref="VisitorSession.QueueLive"/> did with a reply.</summary>
internal enum DeliveryOutcome
{
    /// <summary>Queued; the connection's cursor moved to it.</summary>
    Queued,

    /// <summary>Already queued (a duplicate), or for a conversation the connection has left.</summary>
    Skipped,

    /// <summary>A reply before it was never queued: nothing was, and the gap is repaired from the store.</summary>
    Gap,
}
