using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BlazorContact.Bench;

/// <summary>
/// The server under test, as its own process (so its memory can be read from <c>/proc</c>), on a free
/// loopback port with a throwaway SQLite file. Stopped hard: the database is deleted anyway.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly string _folder;
    private readonly Queue<string> _tail = new();

    private ServerProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        ContactUri = new Uri($"ws://127.0.0.1:{port}/contact");
    }

    public Uri ContactUri { get; }

    /// <summary>The folder holding the database, for the report's file-system line.</summary>
    public string DataFolder => _folder;

    /// <summary>Starts the server with the bench's settings plus <paramref name="settings"/> and waits until it accepts.</summary>
    public static async Task<ServerProcess> StartAsync(string serverDll, IReadOnlyDictionary<string, string> settings, TimeSpan startTimeout)
    {
        if (!File.Exists(serverDll))
        {
            throw new FileNotFoundException($"No server at {Path.GetFullPath(serverDll)}; build it first: dotnet build BlazorContact.Web -c Release", serverDll);
        }

        var port = FreeLoopbackPort();
        var folder = Path.Combine(Path.GetTempPath(), "blazorcontact-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.GetFullPath(serverDll), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Contact"] = $"Data Source={Path.Combine(folder, "contact.db")}";
        start.Environment["Contact__RateLimitPerSecond"] = "0";
        // Thousands of connections from one address: the abuse limits would (rightly) refuse them.
        foreach (var limit in new[] { "IpMessagesPerSecond", "NewConversationsPerIpPerHour", "ConnectionsPerIp", "ContactRequestsPerConversationPerHour", "ContactRequestsPerIpPerHour" })
        {
            start.Environment[$"Limits__{limit}"] = "0";
        }

        start.Environment["Limits__FirstMessageTimeout"] = "00:00:00";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, folder, port);
        process.OutputDataReceived += (_, line) => server.Remember(line.Data);
        process.ErrorDataReceived += (_, line) => server.Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync(port, startTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Resident memory of the server (VmRSS), in KB.</summary>
    public long ReadRssKilobytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>File descriptors the server holds: one per open connection, plus its own.</summary>
    public int CountOpenFiles() => Directory.EnumerateFileSystemEntries($"/proc/{_process.Id}/fd").Count();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean: it is under the temp folder.
        }
    }

    private async Task WaitUntilListeningAsync(int port, TimeSpan startTimeout)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before listening. Its last output:\n{Tail()}");
            }

            if (waited.Elapsed > startTimeout)
            {
                throw new TimeoutException($"The server did not accept connections on port {port} within {startTimeout.TotalSeconds} s. Its last output:\n{Tail()}");
            }

            try
            {
                using var probe = new TcpClient();
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await probe.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                await Task.Delay(100);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
