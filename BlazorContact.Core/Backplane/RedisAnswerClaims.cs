using BlazorContact.Core.Assistant;
using BlazorContact.Core.Replies;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorContact.Core.Backplane;

/// <summary>
/// Answer claims shared by every instance: a claim is a Redis key set only if absent, with an expiry (a claimant
/// that dies frees it). This instance's own claims are kept in memory too, and with Redis unreachable they alone
/// decide: a resend reaching two instances during an outage may then be answered twice, which beats not at all.
/// </summary>
public sealed class RedisAnswerClaims(RedisBackplane backplane, IOptions<AssistantOptions> assistant) : IAnswerClaims
{
    /// <summary>
    /// As long as an answer can take and no longer: an instance killed mid-answer holds the claim until it
    /// expires, and a resend on another instance waits for that (<see cref="AssistantReplies"/>).
    /// </summary>
    private readonly TimeSpan _claimLifetime = assistant.Value.ReplyBudget + AssistantReplies.ClaimantMargin;

    private readonly InMemoryAnswerClaims _local = new();

    public bool TryClaim(long messageId)
    {
        if (!_local.TryClaim(messageId))
        {
            return false;
        }

        if (backplane.Database is not { } database)
        {
            return true;
        }

        try
        {
            if (database.StringSet(Key(messageId), backplane.InstanceId, _claimLifetime, When.NotExists))
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return true;
        }

        _local.Release(messageId);
        return false;
    }

    public void Release(long messageId)
    {
        _local.Release(messageId);
        try
        {
            backplane.Database?.KeyDelete(Key(messageId), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The claim expires by itself.
        }
    }

    private RedisKey Key(long messageId) => backplane.Key($"claim:{messageId}");
}
