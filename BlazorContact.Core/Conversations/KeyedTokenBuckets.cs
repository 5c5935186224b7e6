namespace BlazorContact.Core.Conversations;

/// <summary>
/// One <see cref="TokenBucket"/> per key (a conversation, a client IP), in memory, bounded: a bucket that
/// has refilled completely equals a new one, so it is dropped when the table fills; if the table is still
/// full, the least recently used half goes. No timers: expiry happens on insertion. Thread-safe.
/// </summary>
internal sealed class KeyedTokenBuckets
{
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly double _perSecond;
    private readonly int _burst;
    private readonly int _maxKeys;
    private readonly TimeProvider _time;

    /// <param name="count">Tokens per <paramref name="window"/>, also the burst; 0 turns the limit off.</param>
    public KeyedTokenBuckets(int count, TimeSpan window, int maxKeys, TimeProvider time)
        : this(count <= 0 || window <= TimeSpan.Zero ? 0 : count / window.TotalSeconds, Math.Max(count, 1), maxKeys, time)
    {
    }

    public KeyedTokenBuckets(double perSecond, int burst, int maxKeys, TimeProvider time)
    {
        _perSecond = perSecond;
        _burst = burst;
        _maxKeys = Math.Max(maxKeys, 2);
        _time = time;
    }

    public bool IsEnabled => _perSecond > 0;

    /// <summary>Takes a token from <paramref name="key"/>'s bucket; false when it is empty. A null key (unknown address) is not limited.</summary>
    public bool TryTake(string? key)
    {
        if (!IsEnabled || key is null)
        {
            return true;
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                if (_buckets.Count >= _maxKeys)
                {
                    Shrink();
                }

                bucket = new TokenBucket(_perSecond, _burst, _time);
                _buckets.Add(key, bucket);
            }

            return bucket.TryTake();
        }
    }

    /// <summary>How many keys are tracked (for tests of the bound).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    private void Shrink()
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFull())
            {
                _buckets.Remove(key);
            }
        }

        // Still full of active keys (a flood of addresses): forgetting the least recently used half keeps
        // memory bounded; those keys start over with a full bucket, which is the lesser harm than refusing everyone.
        if (_buckets.Count > _maxKeys * 3 / 4)
        {
            foreach (var (key, _) in _buckets.OrderBy(pair => pair.Value.LastUsed).Take(_buckets.Count - (_maxKeys / 2)).ToList())
            {
                _buckets.Remove(key);
            }
        }
    }
}
