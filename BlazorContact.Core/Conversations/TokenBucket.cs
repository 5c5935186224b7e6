namespace BlazorContact.Core.Conversations;

/// <summary>Per-connection rate limit: <c>burst</c> tokens, refilled at <c>perSecond</c>. Not thread-safe: one receive loop owns it.</summary>
internal sealed class TokenBucket(double perSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _lastRefill = time.GetTimestamp();

    public bool TryTake()
    {
        if (perSecond <= 0)
        {
            return true;
        }

        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_lastRefill, now).TotalSeconds * perSecond));
        _lastRefill = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
