namespace BlazorContact.Core.Replies;

/// <summary>
/// The assistant's standing offers to pass an unanswered question on to the owner. An offer lasts one
/// visitor message: a "yes" within its lifetime accepts it; anything else withdraws it. Must be shared
/// by every instance when several serve one blog (the "yes" may arrive on another instance).
/// </summary>
public interface IPassOnOffers
{
    /// <summary>The posts did not cover <paramref name="question"/>: offer to pass it on.</summary>
    void Offer(string conversationId, string question);

    /// <summary>
    /// Ends the conversation's offer, if any, and returns its question when <paramref name="reply"/>
    /// accepts it in time; null otherwise.
    /// </summary>
    string? TakeAccepted(string conversationId, string reply);
}
