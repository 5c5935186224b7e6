using BlazorContact.Core.Assistant.Llm;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Assistant.Llm;

public sealed class LlmReplyQuotaTests
{
    [Fact]
    public void Limits_per_conversation_and_per_day_start_again_at_utc_midnight()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 23, 59, 0, TimeSpan.Zero));
        var quota = new LlmReplyQuota(maxPerConversation: 2, maxPerDay: 3, time);

        Assert.True(quota.TryTake("a"));
        Assert.True(quota.TryTake("a"));
        Assert.False(quota.TryTake("a"));
        Assert.True(quota.TryTake("b"));
        Assert.False(quota.TryTake("c"));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(quota.TryTake("a"));
        Assert.True(quota.TryTake("c"));
    }
}
