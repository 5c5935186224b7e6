namespace BlazorContact.Core.Conversations;

/// <summary>
/// A rate limit: <c>burst</c> tokens, refilled at <c>perSecond</c>. Not thread-safe: its owner
/// (<see cref="KeyedTokenBuckets"/>, under its lock) serializes access.
/// </summary>
internal sealed class TokenBucket(double perSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _lastRefill = time.GetTimestamp();
    private long _lastUsed = time.GetTimestamp();

    public bool TryTake()
    {
        if (perSecond <= 0)
        {
            return true;
        }

        Refill();
        _lastUsed = _lastRefill;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }

    /// <summary>Whether the bucket has refilled completely: it is then no different from a new one and can be forgotten.</summary>
    public bool IsFull()
    {
        Refill();
        return _tokens >= burst;
    }

    /// <summary>When the bucket was last used, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long LastUsed => _lastUsed;

    private void Refill()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_lastRefill, now).TotalSeconds * perSecond));
        _lastRefill = now;
    }
}
