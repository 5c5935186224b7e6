using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace BlazorContact.Tests.Support;

/// <summary>
/// The real Debian nginx (<c>/usr/sbin/nginx</c>) as a child process, running the site file operators install,
/// <c>deploy/nginx/blazorcontact.conf</c>, rendered for the test: its listen ports, certificate paths and upstream
/// servers replaced, and nothing else. Everything it writes (pid, logs, temp files) stays in a temporary folder.
/// </summary>
public sealed partial class NginxServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private NginxServer(string folder, int httpPort, int httpsPort, Process process, StringBuilder output)
    {
        Folder = folder;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
        _process = process;
        _output = output;
    }

    public static string SiteFile => RepositoryPaths.Of("deploy", "nginx", "blazorcontact.conf");

    public string Folder { get; }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    public Uri HttpsUri => new($"https://127.0.0.1:{HttpsPort}/");

    public Uri ContactUri => new($"wss://127.0.0.1:{HttpsPort}/contact");

    public string ErrorLogPath => Path.Combine(Folder, "error.log");

    public string AccessLogPath => Path.Combine(Folder, "access.log");

    /// <summary>
    /// The deployment's site file for this test: <paramref name="upstreams"/> (<c>127.0.0.1:PORT</c> of each app
    /// instance) in place of 5001 and 5002 in every upstream, the given ports on 127.0.0.1, and the test certificate.
    /// Each replaced line must be found, so a change to the deployment file that the test no longer matches fails loudly.
    /// </summary>
    public static string RenderSite(IReadOnlyList<string> upstreams, int httpPort, int httpsPort, SelfSignedCertificate certificate)
    {
        ArgumentOutOfRangeException.ThrowIfZero(upstreams.Count);
        var site = File.ReadAllText(SiteFile);
        site = Replace(site, "    listen 80;\n", $"    listen 127.0.0.1:{httpPort};\n");
        site = Replace(site, "    listen [::]:80;\n", "");
        site = Replace(site, "    listen 443 ssl;\n", $"    listen 127.0.0.1:{httpsPort} ssl;\n");
        site = Replace(site, "    listen [::]:443 ssl;\n", "");
        site = Replace(site, "/etc/letsencrypt/live/chat.example.com/fullchain.pem", certificate.CertificatePath);
        site = Replace(site, "/etc/letsencrypt/live/chat.example.com/privkey.pem", certificate.KeyPath);
        var firstServers = FirstUpstreamServer().Count(site);
        Assert.True(firstServers == 2, $"expected 127.0.0.1:5001 in both upstreams of {SiteFile}, found it {firstServers} times");
        site = FirstUpstreamServer().Replace(site, match =>
            string.Concat(upstreams.Select(upstream => $"{match.Groups["indent"].Value}server {upstream}{match.Groups["parameters"].Value};\n")));
        site = OtherUpstreamServer().Replace(site, "");
        return site;
    }

    /// <summary>The nginx.conf around the site: what Debian's /etc/nginx/nginx.conf provides, pointed at <paramref name="folder"/>.</summary>
    public static string RenderMain(string folder, string siteFile) => $$"""
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log info;
        events { worker_connections 512; }
        http {
            access_log {{folder}}/access.log;
            client_body_temp_path {{folder}}/temp/body;
            proxy_temp_path {{folder}}/temp/proxy;
            fastcgi_temp_path {{folder}}/temp/fastcgi;
            uwsgi_temp_path {{folder}}/temp/uwsgi;
            scgi_temp_path {{folder}}/temp/scgi;
            include {{siteFile}};
        }
        """;

    /// <summary>Renders the configuration into a fresh folder and returns the path of its nginx.conf.</summary>
    public static string WriteConfiguration(string folder, IReadOnlyList<string> upstreams, int httpPort, int httpsPort, SelfSignedCertificate certificate)
    {
        Directory.CreateDirectory(Path.Combine(folder, "temp"));
        var site = Path.Combine(folder, "blazorcontact.conf");
        File.WriteAllText(site, RenderSite(upstreams, httpPort, httpsPort, certificate));
        var main = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(main, RenderMain(folder, site));
        return main;
    }

    /// <summary><c>nginx -t</c> on a configuration: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> TestConfigurationAsync(string folder, string configuration)
    {
        using var nginx = Process.Start(StartInfo(folder, configuration, "-t"))!;
        var output = nginx.StandardError.ReadToEndAsync();
        var standard = await nginx.StandardOutput.ReadToEndAsync();
        await nginx.WaitForExitAsync();
        return (nginx.ExitCode, standard + await output);
    }

    /// <summary>Starts nginx in front of <paramref name="upstreams"/> and waits until it accepts TLS connections.</summary>
    public static async Task<NginxServer> StartAsync(IReadOnlyList<string> upstreams, SelfSignedCertificate certificate)
    {
        var folder = TestFolder.Create();
        var httpPort = LoopbackPort.Free();
        var httpsPort = LoopbackPort.Free();
        var configuration = WriteConfiguration(folder, upstreams, httpPort, httpsPort, certificate);
        var output = new StringBuilder();
        var process = Process.Start(StartInfo(folder, configuration, "-g", "daemon off;"))!;
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var nginx = new NginxServer(folder, httpPort, httpsPort, process, output);
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                Assert.False(process.HasExited, $"nginx exited with {(process.HasExited ? process.ExitCode : 0)}: {nginx.Diagnostics()}");
                return await AcceptsAsync(httpsPort);
            }, "nginx to listen on " + httpsPort);
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }

        return nginx;
    }

    /// <summary>What nginx said: its output and its error log, for a failure message.</summary>
    public string Diagnostics()
    {
        lock (_output)
        {
            return $"{_output}\n--- error.log ---\n{ReadShared(ErrorLogPath)}";
        }
    }

    public string AccessLog() => ReadShared(AccessLogPath);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGQUIT would wait for open WebSockets; the test is over, so the master and its worker stop at once.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A worker still closing a file; the temp folder is cleaned by the OS later.
        }
    }

    private static ProcessStartInfo StartInfo(string folder, string configuration, params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList = { "-p", folder + "/", "-e", Path.Combine(folder, "error.log"), "-c", configuration },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string Replace(string text, string expected, string replacement)
    {
        Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{SiteFile} no longer contains \"{expected.Trim()}\", which the test replaces");
        return text.Replace(expected, replacement, StringComparison.Ordinal);
    }


    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)server 127\.0\.0\.1:5001(?<parameters>[^;\n]*);\n", RegexOptions.Multiline)]
    private static partial Regex FirstUpstreamServer();

    [GeneratedRegex(@"^[ \t]*server 127\.0\.0\.1:5002[^;\n]*;\n", RegexOptions.Multiline)]
    private static partial Regex OtherUpstreamServer();
}
