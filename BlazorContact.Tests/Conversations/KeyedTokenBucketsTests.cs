using BlazorContact.Core.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Conversations;

public sealed class KeyedTokenBucketsTests
{
    [Fact]
    public void Each_key_has_its_own_bucket_that_refills_over_the_window()
    {
        var time = new FakeTimeProvider();
        var buckets = new KeyedTokenBuckets(2, TimeSpan.FromHours(1), maxKeys: 100, time);
        Assert.True(buckets.TryTake("a"));
        Assert.True(buckets.TryTake("a"));
        Assert.False(buckets.TryTake("a"));
        Assert.True(buckets.TryTake("b"));

        time.Advance(TimeSpan.FromMinutes(30));
        Assert.True(buckets.TryTake("a"));
        Assert.False(buckets.TryTake("a"));
    }

    [Fact]
    public void The_table_stays_bounded_under_a_flood_of_keys()
    {
        var time = new FakeTimeProvider();
        var buckets = new KeyedTokenBuckets(5, TimeSpan.FromHours(1), maxKeys: 100, time);
        for (var i = 0; i < 10_000; i++)
        {
            buckets.TryTake($"key {i}");
        }

        Assert.InRange(buckets.Count, 1, 100);
    }

    [Fact]
    public void A_count_of_zero_is_off()
    {
        var buckets = new KeyedTokenBuckets(0, TimeSpan.FromHours(1), maxKeys: 100, new FakeTimeProvider());
        Assert.False(buckets.IsEnabled);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(buckets.TryTake("a"));
        }
    }
}
