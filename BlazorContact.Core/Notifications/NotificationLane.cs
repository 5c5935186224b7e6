using System.Threading.Channels;
using BlazorContact.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Notifications;

/// <summary>
/// One notifier's own queue and delivery loop. Each notifier has its own lane so that a dead SMTP
/// server, retried with backoff, never holds back the webhook (or the other way round).
/// </summary>
internal sealed partial class NotificationLane
{
    private readonly IOwnerNotifier _notifier;
    private readonly NotificationOptions _options;
    private readonly BackoffSchedule _backoff;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitterSample;
    private readonly ILogger _logger;
    private readonly Channel<OwnerNotification> _pending;

    public NotificationLane(IOwnerNotifier notifier, NotificationOptions options, TimeProvider time, Func<double> jitterSample, ILogger logger)
    {
        _notifier = notifier;
        _options = options;
        _backoff = BackoffSchedule.From(options);
        _time = time;
        _jitterSample = jitterSample;
        _logger = logger;
        // Full means this notifier has been failing for a long while. Enqueue runs on the visitor's
        // path and must never wait, and every notification's content is already stored (the inbox
        // shows it), so the oldest alert is the one to give up: the owner most wants the newest.
        _pending = Channel.CreateBounded<OwnerNotification>(
            new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => Log.Dropped(_logger, _notifier.Name, _options.QueueCapacity, dropped.EventName, dropped.ConversationId));
    }

    public string Name => _notifier.Name;

    /// <summary>Queues without waiting; when the queue is full the oldest waiting notification is dropped.</summary>
    public void Enqueue(OwnerNotification notification) => _pending.Writer.TryWrite(notification);

    /// <summary>Delivers queued notifications one by one until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var notification in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await DeliverAsync(notification, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tries up to <c>MaxAttempts</c> times with backoff; true when delivered. Only shutdown throws.</summary>
    public async Task<bool> DeliverAsync(OwnerNotification notification, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
            using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                await _notifier.NotifyAsync(notification, attemptToken.Token).ConfigureAwait(false);
                Log.Delivered(_logger, _notifier.Name, notification.EventName, notification.ConversationId, attempt);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                var reason = timeout.IsCancellationRequested ? $"timed out after {_options.AttemptTimeout}" : ex.Message;
                ContactMetrics.NotifierFailed(_notifier.Name, gaveUp: attempt >= _options.MaxAttempts);
                if (attempt >= _options.MaxAttempts)
                {
                    Log.GaveUp(_logger, _notifier.Name, notification.EventName, notification.ConversationId, attempt, reason, ex);
                    return false;
                }

                var delay = _backoff.DelayAfter(attempt, _jitterSample());
                Log.AttemptFailed(_logger, _notifier.Name, notification.EventName, notification.ConversationId, attempt, _options.MaxAttempts, delay.TotalSeconds, reason);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
