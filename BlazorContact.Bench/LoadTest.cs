using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace BlazorContact.Bench;

/// <summary>
/// Closed-loop load: N connected clients, each doing one exchange after another (send, wait for the
/// answer, repeat) through a warm-up and then a measurement window. Bounded three ways: the window,
/// <see cref="BenchOptions.MaxRoundTrips"/>, and the timeout on every wait.
/// </summary>
internal static class LoadTest
{
    private const int ConnectConcurrency = 50;

    /// <summary>Runs <paramref name="exchange"/> on <paramref name="clientCount"/> clients and summarizes the window.</summary>
    public static async Task<LoadResult> RunAsync(
        Uri uri, int clientCount, Func<BenchClient, long, bool, CancellationToken, ValueTask<long?>> exchange, BenchOptions options)
    {
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        var clients = await ConnectAllAsync(uri, invoker, clientCount, options.Timeout);
        try
        {
            var start = Stopwatch.GetTimestamp();
            var measureFrom = start + Ticks(options.Warmup);
            var measureUntil = measureFrom + Ticks(options.Measure);
            var budget = new StrongBox<long>(options.MaxRoundTrips);
            var runs = await Task.WhenAll(clients.Select(client =>
                RunClientAsync(client, exchange, measureFrom, measureUntil, budget, options.Timeout)));

            var full = runs.SelectMany(run => run.Full).ToList();
            var ack = runs.SelectMany(run => run.Ack).ToList();
            var errors = runs.Where(run => run.Error is not null).ToList();
            return new LoadResult(
                clientCount, options.Measure, full.Count, LatencySummary.From(full), ack.Count > 0 ? LatencySummary.From(ack) : null,
                errors.Count, errors.FirstOrDefault()?.Error, runs.Sum(run => run.Validated) + clientCount);
        }
        finally
        {
            await CloseAllAsync(clients, options.Timeout);
        }
    }

    private static async Task<ClientRun> RunClientAsync(
        BenchClient client, Func<BenchClient, long, bool, CancellationToken, ValueTask<long?>> exchange,
        long measureFrom, long measureUntil, StrongBox<long> budget, TimeSpan timeout)
    {
        var run = new ClientRun();
        using var wait = new CancellationTokenSource();
        for (long sequence = 1; Stopwatch.GetTimestamp() < measureUntil && Interlocked.Decrement(ref budget.Value) >= 0; sequence++)
        {
            var validate = sequence == 1;
            var sentAt = Stopwatch.GetTimestamp();
            wait.CancelAfter(timeout);
            long? ackedAt;
            try
            {
                ackedAt = await exchange(client, sequence, validate, wait.Token);
            }
            catch (OperationCanceledException)
            {
                run.Error = $"no answer within {timeout.TotalSeconds} s";
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or InvalidDataException or IOException)
            {
                run.Error = ex.Message;
                break;
            }

            var doneAt = Stopwatch.GetTimestamp();
            wait.TryReset();
            run.Validated += validate ? 1 : 0;
            // Counted by when it finished: in a steady state that is the throughput, with no edge bias.
            if (doneAt >= measureFrom && doneAt <= measureUntil)
            {
                run.Full.Add(Milliseconds(sentAt, doneAt));
                if (ackedAt is { } acked)
                {
                    run.Ack.Add(Milliseconds(sentAt, acked));
                }
            }
        }

        return run;
    }

    private static async Task<BenchClient[]> ConnectAllAsync(Uri uri, HttpMessageInvoker invoker, int count, TimeSpan timeout)
    {
        var clients = new BenchClient?[count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency },
                async (i, _) => clients[i] = await BenchClient.ConnectAsync(uri, invoker, timeout));
            return clients.Select(client => client!).ToArray();
        }
        catch
        {
            foreach (var client in clients)
            {
                client?.Dispose();
            }

            throw;
        }
    }

    private static Task CloseAllAsync(IEnumerable<BenchClient> clients, TimeSpan timeout) => Task.WhenAll(clients.Select(async client =>
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await client.CloseAsync(wait.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            client.Abort();
        }
        finally
        {
            client.Dispose();
        }
    }));

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>What one client saw; merged once the window is over, so clients never share a lock.</summary>
    private sealed class ClientRun
    {
        public List<double> Full { get; } = [];
        public List<double> Ack { get; } = [];
        public string? Error { get; set; }
        public int Validated { get; set; }
    }
}
