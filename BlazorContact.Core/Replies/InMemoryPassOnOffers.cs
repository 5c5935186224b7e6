using System.Collections.Concurrent;

namespace BlazorContact.Core.Replies;

/// <summary>Pass-on offers of one instance, forgotten once expired.</summary>
public sealed class InMemoryPassOnOffers(TimeProvider time) : IPassOnOffers
{
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, UnansweredQuestion> _offers = new(StringComparer.Ordinal);

    public void Offer(string conversationId, string question)
    {
        var now = time.GetUtcNow();
        if (_offers.Count > SweepAbove)
        {
            // Visitors who never replied: forget offers that have expired anyway.
            foreach (var (key, value) in _offers)
            {
                if (now - value.At > UnansweredQuestion.OfferLifetime)
                {
                    _offers.TryRemove(key, out _);
                }
            }
        }

        _offers[conversationId] = new UnansweredQuestion(question, now);
    }

    public string? TakeAccepted(string conversationId, string reply) =>
        _offers.TryRemove(conversationId, out var pending)
        && time.GetUtcNow() - pending.At <= UnansweredQuestion.OfferLifetime
        && UnansweredQuestion.IsAffirmative(reply)
            ? pending.Question
            : null;
}
