namespace BlazorContact.Core.Notifications;

/// <summary>
/// Exponential backoff with jitter: after the n-th failed attempt wait
/// <c>min(initial × 2^(n-1), max)</c>, stretched or shortened by up to ±<c>jitter</c>. Pure: the
/// random sample is passed in, so the schedule can be checked exactly.
/// </summary>
public sealed class BackoffSchedule
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;

    public BackoffSchedule(TimeSpan initial, TimeSpan max, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1);
        _initial = initial;
        _max = max;
        _jitter = jitter;
    }

    public static BackoffSchedule From(NotificationOptions options) =>
        new(options.InitialBackoff, options.MaxBackoff, options.BackoffJitter);

    /// <summary>The wait after <paramref name="failedAttempts"/> failures (1 or more); <paramref name="sample"/> is uniform in [0, 1), 0.5 means no jitter.</summary>
    public TimeSpan DelayAfter(int failedAttempts, double sample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // 2^30 × any sensible initial delay is far past any max; the cap keeps the double finite.
        var exponent = Math.Min(failedAttempts - 1, 30);
        var ticks = Math.Min(_initial.Ticks * Math.Pow(2, exponent), _max.Ticks);
        var factor = 1 + (_jitter * ((2 * Math.Clamp(sample, 0, 1)) - 1));
        return TimeSpan.FromTicks((long)(ticks * factor));
    }
}
