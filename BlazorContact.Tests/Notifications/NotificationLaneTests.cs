using BlazorContact.Core.Notifications;
using BlazorContact.Tests.Assistant;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Notifications;

public sealed class NotificationLaneTests
{
    private readonly FakeTimeProvider _time = new(OwnerNotificationTests.At);
    private readonly RecordingLogger<NotificationQueue> _logger = new();

    [Fact]
    public async Task Failed_attempts_are_retried_after_1_then_2_seconds_on_the_injected_clock()
    {
        var notifier = new ScriptedNotifier(_time, async (_, attempt, _) =>
        {
            await Task.Yield();
            if (attempt < 3)
            {
                throw new InvalidOperationException($"down (attempt {attempt})");
            }
        });
        var lane = Lane(notifier, new NotificationOptions { BackoffJitter = 0 });

        Assert.True(await DriveClockUntil(lane.DeliverAsync(OwnerNotificationTests.ContactRequest(), CancellationToken.None)));

        var times = notifier.Attempts.Select(a => a.At - OwnerNotificationTests.At).ToList();
        Assert.Equal(3, times.Count);
        Assert.InRange(times[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
        Assert.InRange(times[2] - times[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
        Assert.Equal(2, _logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("down (attempt", StringComparison.Ordinal)));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("(attempt 3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_MaxAttempts_failures_the_lane_gives_up_with_an_error()
    {
        var notifier = new ScriptedNotifier(_time, (_, _, _) => Task.FromException(new IOException("connection refused")));
        var lane = Lane(notifier, new NotificationOptions { MaxAttempts = 3 });

        Assert.False(await DriveClockUntil(lane.DeliverAsync(OwnerNotificationTests.ContactRequest(), CancellationToken.None), TimeSpan.FromMilliseconds(100)));

        Assert.Equal(3, notifier.Attempts.Count);
        var error = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("gave up", error.Message);
        Assert.Contains("after 3 attempts: connection refused", error.Message);
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_cut_off_by_the_attempt_timeout_and_retried()
    {
        var notifier = new ScriptedNotifier(_time, async (_, attempt, cancellationToken) =>
        {
            if (attempt == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        });
        var lane = Lane(notifier, new NotificationOptions { AttemptTimeout = TimeSpan.FromSeconds(5), BackoffJitter = 0 });

        Assert.True(await DriveClockUntil(lane.DeliverAsync(OwnerNotificationTests.ContactRequest(), CancellationToken.None)));

        var second = notifier.Attempts.Last().At - OwnerNotificationTests.At;
        Assert.InRange(second, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6.5));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("timed out after 00:00:05", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_queue_drops_its_oldest_waiting_notification_and_says_so()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = new ScriptedNotifier(_time, async (_, attempt, _) =>
        {
            if (attempt == 1)
            {
                firstStarted.SetResult();
                await release.Task;
            }
        });
        var lane = Lane(notifier, new NotificationOptions { QueueCapacity = 2 });
        using var stop = new CancellationTokenSource();
        var running = lane.RunAsync(stop.Token);

        lane.Enqueue(OwnerNotificationTests.ContactRequest("1"));
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var text in new[] { "2", "3", "4", "5" })
        {
            lane.Enqueue(OwnerNotificationTests.ContactRequest(text));
        }

        release.SetResult();
        await Eventually.UntilAsync(() => notifier.Attempts.Count >= 3, "the lane to deliver what is left in its queue");

        Assert.Equal(["1", "4", "5"], notifier.Attempts.Select(a => a.Notification.Text));
        Assert.Equal(2, _logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("is full (2); dropped the oldest", StringComparison.Ordinal)));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    private NotificationLane Lane(IOwnerNotifier notifier, NotificationOptions options) =>
        new(notifier, options, _time, () => 0.5, _logger);

    /// <summary>
    /// Moves the fake clock in small steps (10 ms unless told), letting the lane run between steps, until <paramref name="delivery"/>
    /// ends. A wait can't fire early; it may fire a few steps late if the lane was slow to start it.
    /// </summary>
    private async Task<bool> DriveClockUntil(Task<bool> delivery, TimeSpan? step = null)
    {
        for (var steps = 0; steps < 10_000 && !delivery.IsCompleted; steps++)
        {
            await Task.Delay(1);
            _time.Advance(step ?? TimeSpan.FromMilliseconds(10));
        }

        return await delivery.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
