namespace BlazorContact.Core.Notifications;

/// <summary>Settings of the <c>Notifications</c> section shared by every notifier: the inbox link, the queue and its retries.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The owner's inbox; each notification links to it with <c>?c=</c> and the conversation id.</summary>
    public string InboxUrl { get; set; } = "http://127.0.0.1:8080/inbox";

    /// <summary>Notifications each notifier may have waiting; when full, the oldest waiting one is dropped.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Tries per notification and notifier, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed attempt; doubled after each further failure (1 s, 2 s, 4 s, 8 s).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two attempts, before jitter.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Each wait is randomly stretched or shortened by up to this fraction (0.2 = ±20%), so retries after an outage spread out.</summary>
    public double BackoffJitter { get; set; } = 0.2;

    /// <summary>Longest one attempt (connect, send, answer) may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
