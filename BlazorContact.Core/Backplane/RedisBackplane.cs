using System.Text.Json;
using System.Threading.Channels;
using BlazorContact.Core.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorContact.Core.Backplane;

/// <summary>
/// The instance's one Redis connection and one channel. Redis only announces; the database is the log: every
/// message published here is committed first, and a receiver that misses one finds it in the store (a gap in
/// the reply chain, the periodic reconciliation, the resync after a reconnection). So the backplane may lose
/// messages and still never loses a reply, only delays it by seconds.
/// <para>Publishing never waits: messages go to a bounded outbox drained by one loop, in order, retried until
/// Redis takes them. A probe is published every <see cref="RedisOptions.ProbeInterval"/> on the same channel
/// the events use; the instance is ready only while its own probes come back, and when they stop while the
/// connection looks up (a silent subscription), the connection is replaced and everything caught up.</para>
/// </summary>
public sealed partial class RedisBackplane : BackgroundService, IReadinessCheck
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly RedisOptions _options;
    private readonly ConfigurationOptions _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisBackplane> _logger;
    private readonly Channel<byte[]> _outbox;
    private readonly RedisChannel _channel;
    private readonly Lock _gate = new();
    private IBackplaneListener[] _listeners = [];
    private volatile ConnectionMultiplexer? _connection;
    private volatile bool _subscribed;
    private long _lastProbeBackMs;
    private long _lastRepairMs;
    private long _lastProbeLagMicros = -1;
    private bool _wasReady;
    private bool _resyncPending;
    private bool _publishFailing;
    private Task _listenerWork = Task.CompletedTask;

    public RedisBackplane(IOptions<RedisOptions> options, TimeProvider time, ILogger<RedisBackplane> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        InstanceId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}";
        _channel = RedisChannel.Literal($"{_options.ChannelPrefix}:events");
        _configuration = ConfigurationOptions.Parse(_options.Configuration!);
        // Start even while Redis is down (the instance serves its own visitors), and come back quickly.
        _configuration.AbortOnConnectFail = false;
        _configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        _configuration.ClientName ??= $"blazorcontact-{Environment.MachineName}";
        // Claims and offers ask Redis synchronously: a stalled Redis must not hold a visitor's answer for long.
        _configuration.SyncTimeout = Math.Min(_configuration.SyncTimeout, 1000);
        _configuration.AsyncTimeout = Math.Min(_configuration.AsyncTimeout, (int)_options.ProbeTimeout.TotalMilliseconds);
        _outbox = Channel.CreateBounded<byte[]>(
            // Dropping the oldest is safe: every message is committed, and reconciliation re-reads the store.
            new BoundedChannelOptions(_options.OutboxCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => BackplaneMetrics.Dropped.Add(1));
        // Not ready until the first own probe comes back.
        _lastProbeBackMs = NowMs - (long)_options.ProbeTimeout.TotalMilliseconds - 1;
    }

    /// <summary>This instance's id on the channel and in presence keys.</summary>
    public string InstanceId { get; }

    public string Name => "backplane";

    internal RedisOptions Options => _options;

    /// <summary>The last own probe's round trip through Redis, or null before the first.</summary>
    internal TimeSpan? LastProbeLag => Interlocked.Read(ref _lastProbeLagMicros) is var micros and >= 0 ? TimeSpan.FromMicroseconds(micros) : null;

    /// <summary>The database while connected, else null (callers fall back to what this instance knows).</summary>
    internal IDatabase? Database => _connection is { IsConnected: true } connection ? connection.GetDatabase() : null;

    internal long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A key under the prefix.</summary>
    internal RedisKey Key(string suffix) => $"{_options.ChannelPrefix}:{suffix}";

    public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var connection = _connection;
        var silentMs = NowMs - Interlocked.Read(ref _lastProbeBackMs);
        var result = connection is not { IsConnected: true }
            ? ReadinessResult.Unhealthy("not connected to Redis")
            : silentMs > _options.ProbeTimeout.TotalMilliseconds
                ? ReadinessResult.Unhealthy($"connected, but no own probe came back over the events' subscription for over {_options.ProbeTimeout.TotalSeconds:0.#} s")
                : ReadinessResult.Healthy($"probe round trip {LastProbeLag?.TotalMilliseconds:0.#} ms");
        return Task.FromResult(result);
    }

    internal void AddListener(IBackplaneListener listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }
    }

    /// <summary>Queues a message for the channel and returns at once.</summary>
    internal void Publish(BackplaneEnvelope envelope) =>
        _outbox.Writer.TryWrite(JsonSerializer.SerializeToUtf8Bytes(envelope, BackplaneJsonContext.Default.BackplaneEnvelope));

    internal BackplaneEnvelope Envelope(string kind) => new(kind, InstanceId, NowMs);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            connection.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Interlocked.Exchange(ref _lastRepairMs, NowMs);
        _connection = await ConnectAsync().ConfigureAwait(false);
        Log.Started(_logger, InstanceId, _options.ChannelPrefix);
        var publishing = PublishLoopAsync(stoppingToken);
        try
        {
            using var timer = new PeriodicTimer(_options.ProbeInterval, _time);
            var lastReconcile = NowMs;
            var lastBeat = long.MinValue / 2;
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await ProbeAndRepairAsync().ConfigureAwait(false);
                var now = NowMs;
                var reconcile = now - lastReconcile >= _options.ReconcileInterval.TotalMilliseconds;
                var beat = now - lastBeat >= _options.PresenceInterval.TotalMilliseconds;
                // One tick's work at a time, off this loop: a stalled Redis call must not stop the probes.
                if ((reconcile || beat || _resyncPending) && _listenerWork.IsCompleted)
                {
                    var tick = new BackplaneTick(reconcile, beat, _resyncPending);
                    _resyncPending = false;
                    lastReconcile = reconcile ? now : lastReconcile;
                    lastBeat = beat ? now : lastBeat;
                    _listenerWork = TickListenersAsync(tick, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await publishing.ConfigureAwait(false);
        await _listenerWork.ConfigureAwait(false);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(_configuration).ConfigureAwait(false);
        connection.ConnectionFailed += (_, e) => Log.ConnectionFailed(_logger, e.EndPoint, e.FailureType, e.Exception);
        connection.ConnectionRestored += (_, e) => Log.ConnectionRestored(_logger, e.EndPoint);
        _subscribed = false;
        await TrySubscribeAsync(connection).ConfigureAwait(false);
        return connection;
    }

    private async Task TrySubscribeAsync(ConnectionMultiplexer connection)
    {
        if (!connection.IsConnected)
        {
            return;
        }

        try
        {
            // A queue, not a handler: messages are handled one at a time, in channel order. The multiplexer
            // resubscribes it by itself after a reconnection.
            var queue = await connection.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);
            queue.OnMessage(OnMessage);
            _subscribed = true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.SubscribeFailed(_logger, ex);
        }
    }

    private void OnMessage(ChannelMessage message)
    {
        BackplaneEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)message.Message).Span, BackplaneJsonContext.Default.BackplaneEnvelope);
        }
        catch (JsonException ex)
        {
            Log.UnreadableMessage(_logger, ex);
            return;
        }

        if (envelope is null)
        {
            return;
        }

        var lag = Math.Max(0, NowMs - envelope.SentAtMs);
        var own = string.Equals(envelope.Origin, InstanceId, StringComparison.Ordinal);
        if (envelope.Kind == BackplaneEnvelope.Probe)
        {
            if (own)
            {
                Interlocked.Exchange(ref _lastProbeBackMs, NowMs);
                Interlocked.Exchange(ref _lastProbeLagMicros, lag * 1000);
                BackplaneMetrics.Lag.Record(lag / 1000.0, new KeyValuePair<string, object?>("kind", "probe"));
            }

            return;
        }

        if (own)
        {
            // Our own echo: delivered locally when it was published.
            return;
        }

        BackplaneMetrics.Lag.Record(lag / 1000.0, new KeyValuePair<string, object?>("kind", envelope.Kind));
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                listener.Receive(envelope);
            }
            catch (Exception ex)
            {
                Log.ListenerFailed(_logger, envelope.Kind, ex);
            }
        }
    }

    private async Task ProbeAndRepairAsync()
    {
        var connection = _connection;
        if (connection is null)
        {
            return;
        }

        if (connection.IsConnected)
        {
            if (!_subscribed)
            {
                await TrySubscribeAsync(connection).ConfigureAwait(false);
            }

            try
            {
                var probe = JsonSerializer.SerializeToUtf8Bytes(Envelope(BackplaneEnvelope.Probe), BackplaneJsonContext.Default.BackplaneEnvelope);
                await connection.GetSubscriber().PublishAsync(_channel, probe, CommandFlags.FireAndForget).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Readiness reports it: the probe does not come back.
            }
        }

        var now = NowMs;
        var silentMs = now - Interlocked.Read(ref _lastProbeBackMs);
        var ready = connection.IsConnected && silentMs <= _options.ProbeTimeout.TotalMilliseconds;
        if (ready != _wasReady)
        {
            if (ready)
            {
                // Back after an outage or a repair (or up for the first time): whatever was published meanwhile
                // may be lost, so every listener catches up from the store.
                _resyncPending = true;
                Log.Ready(_logger, InstanceId);
            }
            else
            {
                Log.NotReady(_logger, InstanceId, connection.IsConnected, silentMs);
            }

            _wasReady = ready;
        }

        if (!connection.IsConnected)
        {
            // The multiplexer reconnects by itself; a just-restored connection gets a full timeout to show probes
            // before it counts as silent.
            Interlocked.Exchange(ref _lastRepairMs, now);
        }
        else if (!ready && now - Interlocked.Read(ref _lastRepairMs) > _options.ProbeTimeout.TotalMilliseconds)
        {
            await RepairAsync(connection, silentMs).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The connection looks up but our own probes stopped coming back: the subscription (or the socket under it)
    /// is silently dead. Resubscribing over the same socket would wait on the same silence, so the whole
    /// connection is replaced; the resync that follows the first probe back catches up what was missed.
    /// </summary>
    private async Task RepairAsync(ConnectionMultiplexer broken, long silentMs)
    {
        Interlocked.Exchange(ref _lastRepairMs, NowMs);
        BackplaneMetrics.Repairs.Add(1);
        Log.Repairing(_logger, silentMs);
        try
        {
            var fresh = await ConnectAsync().ConfigureAwait(false);
            _connection = fresh;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.RepairFailed(_logger, ex);
            return;
        }

        // The old one is closed in the background: a stalled socket must not hold the probe loop.
        _ = Task.Run(async () =>
        {
            try
            {
                await broken.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
                broken.Dispose();
            }
            catch (Exception ex)
            {
                Log.CloseFailed(_logger, ex);
            }
        });
    }

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                // Kept until Redis takes it (the oldest is dropped only when the outbox is full).
                while (true)
                {
                    var connection = _connection;
                    if (connection is not { IsConnected: true })
                    {
                        await Task.Delay(RetryDelay, _time, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    try
                    {
                        await connection.GetSubscriber().PublishAsync(_channel, message)
                            .WaitAsync(_options.ProbeTimeout, _time, stoppingToken).ConfigureAwait(false);
                        if (_publishFailing)
                        {
                            _publishFailing = false;
                            Log.PublishingAgain(_logger);
                        }

                        break;
                    }
                    catch (Exception ex) when (ex is RedisException or TimeoutException)
                    {
                        if (!_publishFailing)
                        {
                            _publishFailing = true;
                            Log.PublishFailed(_logger, ex);
                        }

                        await Task.Delay(RetryDelay, _time, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Unpublished messages are committed: other instances find them in the store.
        }
    }

    private async Task TickListenersAsync(BackplaneTick tick, CancellationToken stoppingToken)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                await listener.TickAsync(tick, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.TickFailed(_logger, ex);
            }
        }
    }
}
