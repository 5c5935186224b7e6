using BlazorContact.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Notifications;

/// <summary>
/// Tells the owner off-page. Subscribes to the <see cref="IContactEventBus"/> and, for each
/// <see cref="OwnerAttentionNeeded"/>, queues an <see cref="OwnerNotification"/> to every enabled
/// notifier; each notifier has its own bounded queue and loop (<see cref="NotificationLane"/>) with
/// retries, backoff and a per-attempt timeout. Queuing never waits, so a slow or failing notifier
/// never delays the visitor's acknowledgement. As the hosted service it owns the loops: the host
/// starts them, and stopping it cancels them (notifications still queued then are not sent; the
/// requests themselves are stored and shown in the inbox).
/// </summary>
public sealed partial class NotificationQueue : BackgroundService
{
    private readonly IContactEventBus _events;
    private readonly IReadOnlyList<IOwnerNotifier> _notifiers;
    private readonly NotificationOptions _options;
    private readonly NotificationLane[] _lanes;
    private readonly ILogger<NotificationQueue> _logger;
    private IDisposable? _subscription;

    public NotificationQueue(
        IContactEventBus events,
        IEnumerable<IOwnerNotifier> notifiers,
        IOptions<NotificationOptions> options,
        TimeProvider time,
        ILogger<NotificationQueue> logger)
    {
        _events = events;
        _notifiers = notifiers.ToList();
        _options = options.Value;
        _logger = logger;
        _lanes = _notifiers.Where(n => n.IsEnabled)
            .Select(n => new NotificationLane(n, _options, time, Random.Shared.NextDouble, logger))
            .ToArray();
    }

    /// <summary>Whether any notifier is configured; when none is, nothing is subscribed or queued.</summary>
    public bool IsEnabled => _lanes.Length > 0;

    /// <summary>Names of the enabled notifiers, e.g. <c>email</c>, <c>webhook</c>.</summary>
    public IReadOnlyList<string> EnabledNotifiers => _lanes.Select(l => l.Name).ToList();

    /// <summary>Queues a notification to every enabled notifier. Synchronous and never waits.</summary>
    public void Enqueue(OwnerNotification notification)
    {
        foreach (var lane in _lanes)
        {
            lane.Enqueue(notification);
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var notifier in _notifiers)
        {
            if (notifier.IsEnabled)
            {
                Log.NotifierOn(_logger, notifier.Name, notifier.Target);
            }
            else
            {
                Log.NotifierOff(_logger, notifier.Name);
            }
        }

        if (IsEnabled)
        {
            // Local only: with several instances each notifies about its own events, so the owner hears once.
            _subscription = _events.SubscribeLocal(OnChanged);
        }
        else
        {
            Log.AllOff(_logger);
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_lanes.Select(lane => lane.RunAsync(stoppingToken)));

    // Runs inside IContactEventBus.Publish, on the visitor's path: build and queue, nothing more.
    private void OnChanged(ContactEvent change)
    {
        if (change is OwnerAttentionNeeded attention)
        {
            Enqueue(OwnerNotification.From(attention, _options.InboxUrl));
        }
    }
}
