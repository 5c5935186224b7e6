using BlazorContact.Core.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Conversations;

public sealed class TokenBucketTests
{
    [Fact]
    public void Burst_is_spent_then_tokens_refill_with_time()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 2, burst: 3, time);
        Assert.True(bucket.TryTake());
        Assert.True(bucket.TryTake());
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());
    }

    [Fact]
    public void Zero_rate_means_unlimited()
    {
        var bucket = new TokenBucket(perSecond: 0, burst: 1, new FakeTimeProvider());
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(bucket.TryTake());
        }
    }
}
