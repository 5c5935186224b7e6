namespace BlazorContact.Core.Notifications;

/// <summary>
/// One way of telling the owner off-page (email, webhook). Called only from the background
/// <see cref="NotificationQueue"/>, never on a visitor's path, so an implementation may be slow;
/// it must honour <c>cancellationToken</c> (the queue's per-attempt timeout and shutdown) and throw on
/// failure: the queue retries with backoff and logs.
/// </summary>
public interface IOwnerNotifier
{
    /// <summary>Short name for logs, e.g. <c>email</c>.</summary>
    string Name { get; }

    /// <summary>Whether this notifier is configured; a disabled one is never called.</summary>
    bool IsEnabled { get; }

    /// <summary>Where it sends, safe to log (no secrets), e.g. <c>smtp.example.com:587 to owner@example.com</c>.</summary>
    string Target { get; }

    /// <summary>Sends one notification; completes when the receiving side has accepted it.</summary>
    Task NotifyAsync(OwnerNotification notification, CancellationToken cancellationToken);
}
