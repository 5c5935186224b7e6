using BlazorContact.Core.Replies;
using StackExchange.Redis;

namespace BlazorContact.Core.Backplane;

/// <summary>
/// Pass-on offers shared by every instance (the visitor's "yes" may reach another one): each offer is a Redis key
/// that expires with the offer, taken with GETDEL so only one instance accepts it. An offer made while Redis is
/// unreachable is kept in memory here and can be accepted on this instance only.
/// </summary>
public sealed class RedisPassOnOffers(RedisBackplane backplane, TimeProvider time) : IPassOnOffers
{
    private readonly InMemoryPassOnOffers _local = new(time);

    public void Offer(string conversationId, string question)
    {
        if (backplane.Database is { } database)
        {
            try
            {
                database.StringSet(Key(conversationId), question, UnansweredQuestion.OfferLifetime);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Kept here instead.
            }
        }

        _local.Offer(conversationId, question);
    }

    public string? TakeAccepted(string conversationId, string reply)
    {
        var accepted = _local.TakeAccepted(conversationId, reply);
        if (backplane.Database is { } database)
        {
            try
            {
                var shared = database.StringGetDelete(Key(conversationId));
                if (!shared.IsNull && UnansweredQuestion.IsAffirmative(reply))
                {
                    accepted = shared.ToString();
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // What this instance holds decides.
            }
        }

        return accepted;
    }

    private RedisKey Key(string conversationId) => backplane.Key($"offer:{conversationId}");
}
