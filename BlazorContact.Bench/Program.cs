using System.Net.WebSockets;
using BlazorContact.Bench;

// Starts the server as its own process, measures it in four phases, and writes a Markdown report to
// stdout and to --output. Progress goes to stderr. See bench/run.sh and BenchOptions.Usage.
if (args is ["-h" or "--help"])
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var (options, usageProblem) = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine($"bench: {usageProblem}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var report = new MarkdownReport(options);
var startTimeout = TimeSpan.FromSeconds(60);
var phase = "start-up";
var exitCode = 0;
try
{
    // 1 and 2: one server with the default (grouped) commits.
    List<LoadResult> ping = [];
    List<LoadResult> chat = [];
    await using (var server = await ServerProcess.StartAsync(options.ServerDll, new Dictionary<string, string>(), startTimeout))
    {
        phase = "1. ping baseline";
        foreach (var clients in options.Clients)
        {
            ping.Add(Progress("ping", await LoadTest.RunAsync(server.ContactUri, clients, RoundTrips.PingAsync, options)));
        }

        report.AddPing(ping);
        phase = "2. durable chat";
        foreach (var clients in options.Clients.Append(options.GroupClients).Distinct().Order())
        {
            chat.Add(Progress("chat", await LoadTest.RunAsync(server.ContactUri, clients, RoundTrips.ChatAsync, options)));
        }

        report.AddChat(chat, ping);
    }

    // 3: the same chat load against a server that commits each write alone.
    phase = "3. group commit";
    await using (var server = await ServerProcess.StartAsync(options.ServerDll, new Dictionary<string, string> { ["Storage__MaxBatchSize"] = "1" }, startTimeout))
    {
        var oneByOne = Progress("chat, MaxBatchSize=1", await LoadTest.RunAsync(server.ContactUri, options.GroupClients, RoundTrips.ChatAsync, options));
        report.AddGroupCommit(chat.Single(row => row.Clients == options.GroupClients), oneByOne);
    }

    // 4: memory per idle connection, on a fresh server.
    phase = "4. idle connections";
    await using (var server = await ServerProcess.StartAsync(options.ServerDll, new Dictionary<string, string>(), startTimeout))
    {
        List<IdleMeasurement> rows = [];
        using (var invoker = new HttpMessageInvoker(new SocketsHttpHandler()))
        using (var one = await BenchClient.ConnectAsync(server.ContactUri, invoker, options.Timeout))
        using (var wait = new CancellationTokenSource(options.Timeout))
        {
            await one.CloseAsync(wait.Token);
        }

        await Task.Delay(options.Settle);
        rows.Add(new IdleMeasurement(0, server.ReadRssKilobytes(), server.CountOpenFiles(), TimeSpan.Zero));
        Console.Error.WriteLine($"[bench] idle 0: {rows[^1].RssKilobytes / 1024.0:0.0} MB");
        await using (var idle = new IdleConnections(server.ContactUri, options))
        {
            foreach (var target in options.IdleCounts)
            {
                var openTime = await idle.GrowToAsync(target);
                await Task.Delay(options.Settle);
                rows.Add(new IdleMeasurement(idle.Count, server.ReadRssKilobytes(), server.CountOpenFiles(), openTime));
                Console.Error.WriteLine($"[bench] idle {idle.Count:N0}: {rows[^1].RssKilobytes / 1024.0:0.0} MB, {rows[^1].ServerOpenFiles:N0} server fds, opened in {openTime.TotalSeconds:0.0} s");
                if (idle.Count < target)
                {
                    break;
                }
            }

            report.AddIdle(rows, idle.Failures, idle.FirstError);
        }
    }
}
catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or WebSocketException or InvalidDataException or OperationCanceledException or HttpRequestException)
{
    report.AddAbort(phase, ex.Message);
    exitCode = 1;
}

var markdown = report.ToString();
Console.Out.Write(markdown);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
await File.WriteAllTextAsync(options.OutputPath, markdown);
Console.Error.WriteLine($"[bench] report written to {Path.GetFullPath(options.OutputPath)}");
return exitCode;

static LoadResult Progress(string name, LoadResult row)
{
    Console.Error.WriteLine($"[bench] {name}, {row.Clients} clients: {row.RoundTripsPerSecond:N0} round trips/s, p99 {row.Full.P99:0.00} ms, {row.Errors} errors");
    return row;
}
