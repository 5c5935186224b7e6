using BlazorContact.Core.Notifications;

namespace BlazorContact.Tests.Notifications;

public sealed class BackoffScheduleTests
{
    private const double NoJitter = 0.5;

    [Fact]
    public void Default_settings_wait_1_2_4_8_seconds_between_five_attempts()
    {
        var schedule = BackoffSchedule.From(new NotificationOptions());
        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)],
            Enumerable.Range(1, new NotificationOptions().MaxAttempts - 1).Select(n => schedule.DelayAfter(n, NoJitter)));
    }

    [Fact]
    public void Waits_stop_growing_at_MaxBackoff()
    {
        var schedule = new BackoffSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), jitter: 0);
        Assert.Equal(TimeSpan.FromSeconds(4), schedule.DelayAfter(3, NoJitter));
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.DelayAfter(4, NoJitter));
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.DelayAfter(1000, NoJitter));
    }

    [Theory]
    [InlineData(0.0, 1600)]
    [InlineData(0.25, 1800)]
    [InlineData(0.5, 2000)]
    [InlineData(0.999999, 2400)]
    public void Jitter_moves_a_wait_by_at_most_its_fraction(double sample, double expectedMs)
    {
        var schedule = new BackoffSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), jitter: 0.2);
        Assert.Equal(expectedMs, schedule.DelayAfter(2, sample).TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void Random_samples_spread_waits_across_the_whole_jitter_band()
    {
        var schedule = new BackoffSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), jitter: 0.2);
        var random = new Random(42);
        var waits = Enumerable.Range(0, 1000).Select(_ => schedule.DelayAfter(1, random.NextDouble()).TotalMilliseconds).ToList();
        Assert.All(waits, ms => Assert.InRange(ms, 800, 1200));
        Assert.True(waits.Min() < 850 && waits.Max() > 1150, $"waits ranged {waits.Min():F0}–{waits.Max():F0} ms");
    }

    [Fact]
    public void There_is_no_wait_before_the_first_attempt()
    {
        var schedule = BackoffSchedule.From(new NotificationOptions());
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.DelayAfter(0, NoJitter));
    }
}
