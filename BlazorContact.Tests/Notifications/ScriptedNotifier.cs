using System.Collections.Concurrent;
using BlazorContact.Core.Notifications;

namespace BlazorContact.Tests.Notifications;

/// <summary>A notifier whose every attempt runs a script; records each attempt with the clock's time.</summary>
internal sealed class ScriptedNotifier(TimeProvider time, Func<OwnerNotification, int, CancellationToken, Task> attempt) : IOwnerNotifier
{
    private int _attempts;

    public ConcurrentQueue<(OwnerNotification Notification, int Attempt, DateTimeOffset At)> Attempts { get; } = new();

    public string Name => "scripted";

    public bool IsEnabled => true;

    public string Target => "memory";

    public Task NotifyAsync(OwnerNotification notification, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _attempts);
        Attempts.Enqueue((notification, number, time.GetUtcNow()));
        return attempt(notification, number, cancellationToken);
    }
}
