using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BlazorContact.Tests.Support;

/// <summary>
/// The server as an operator runs it: its own OS process (the built <c>BlazorContact.Web</c> app host),
/// configured through environment variables, on a fixed loopback port. Unlike <see cref="ContactServer"/>
/// it can be killed for real (<see cref="KillAsync"/> sends SIGKILL: no shutdown code runs).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private AppProcess(string name, int port, Dictionary<string, string?> settings)
    {
        Name = name;
        Port = port;
        _settings = settings;
    }

    /// <summary>What the tests call this instance (also its <c>Instance:Name</c>).</summary>
    public string Name { get; }

    public int Port { get; }

    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    public Uri ContactUri => new($"ws://127.0.0.1:{Port}/contact");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The exit code once the process has ended (0 after a clean stop).</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    /// <summary>Everything the process wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits until it answers <c>/healthz</c>.</summary>
    /// <param name="settings">Configuration keys as in appsettings.json (<c>Storage:Provider</c>); they become environment variables.</param>
    public static async Task<AppProcess> StartAsync(string name, IDictionary<string, string?> settings, int port = 0)
    {
        var all = new Dictionary<string, string?>
        {
            ["Contact:RateLimitPerSecond"] = "0",
            // Abuse limits are off unless a test sets them (tests connect and start conversations fast, all from 127.0.0.1).
            ["Limits:IpMessagesPerSecond"] = "0",
            ["Limits:NewConversationsPerIpPerHour"] = "0",
            ["Limits:ConnectionsPerIp"] = "0",
            ["Limits:FirstMessageTimeout"] = "00:00:00",
            ["Limits:ContactRequestsPerConversationPerHour"] = "0",
            ["Limits:ContactRequestsPerIpPerHour"] = "0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Instance:Name"] = name,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var app = new AppProcess(name, port == 0 ? LoopbackPort.Free() : port, all);
        await app.StartAsync();
        return app;
    }

    /// <summary>Starts the process again on the same port with the same settings (after a kill or stop).</summary>
    public async Task StartAsync()
    {
        var host = Path.Combine(AppContext.BaseDirectory, "BlazorContact.Web");
        var start = new ProcessStartInfo(host, ["--urls", $"http://127.0.0.1:{Port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(HttpUri, "/healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer while it starts.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} did not answer /healthz within 60 s:\n{Output}");
    }

    /// <summary>SIGKILL: the process ends at once, mid-write if it was writing; nothing of its shutdown runs.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the graceful stop systemd sends; waits for the process to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    public override string ToString() => $"{Name} (:{Port})";


    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
