using System.Diagnostics;
using System.Net.WebSockets;

namespace BlazorContact.Bench;

/// <summary>
/// Many visitors with the widget open and nothing to say: each connection reads its
/// <c>connection_established</c>, then only keeps a receive pending. Opened a batch at a time.
/// </summary>
internal sealed class IdleConnections : IAsyncDisposable
{
    // Stop opening once this many attempts failed: the cause is systemic (a limit), not bad luck.
    private const int MaxFailures = 50;

    // Small: the one frame an idle client reads is ~250 bytes; the buffer grows if ever needed.
    private const int IdleBufferSize = 512;

    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler());
    private readonly List<(BenchClient Client, Task Hold)> _open = [];
    private readonly Uri _uri;
    private readonly BenchOptions _options;
    private int _failures;

    public IdleConnections(Uri uri, BenchOptions options)
    {
        _uri = uri;
        _options = options;
    }

    public int Count
    {
        get
        {
            lock (_open)
            {
                return _open.Count;
            }
        }
    }

    public int Failures => _failures;

    public string? FirstError { get; private set; }

    /// <summary>Opens connections until <paramref name="target"/> are held; returns how long that took.</summary>
    public async Task<TimeSpan> GrowToAsync(int target)
    {
        var watch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(_options.IdleOpenLimit);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.IdleBatch, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Math.Max(0, target - Count)), parallel, async (_, _) =>
            {
                try
                {
                    var client = await BenchClient.ConnectAsync(_uri, _invoker, _options.Timeout, IdleBufferSize);
                    lock (_open)
                    {
                        _open.Add((client, client.HoldAsync()));
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidDataException or IOException or HttpRequestException)
                {
                    var failures = Interlocked.Increment(ref _failures);
                    if (failures == 1)
                    {
                        FirstError = Describe(ex);
                    }

                    if (failures == MaxFailures)
                    {
                        await stop.CancelAsync();
                    }
                }
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            FirstError ??= $"opening stopped after {_options.IdleOpenLimit.TotalSeconds} s";
        }

        return watch.Elapsed;
    }

    /// <summary>Closes every connection with the closing handshake, a batch at a time; aborts the slow ones.</summary>
    public async ValueTask DisposeAsync()
    {
        List<(BenchClient Client, Task Hold)> open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = _options.IdleBatch }, async (connection, _) =>
        {
            using var wait = new CancellationTokenSource(_options.Timeout);
            try
            {
                await connection.Client.CloseOutputAsync(wait.Token);
                await connection.Hold.WaitAsync(wait.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
            {
                connection.Client.Abort();
            }
            finally
            {
                connection.Client.Dispose();
            }

            await connection.Hold;
        });
        _invoker.Dispose();
    }

    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            messages.Add($"{inner.GetType().Name}: {inner.Message}");
        }

        return string.Join(" → ", messages);
    }
}
