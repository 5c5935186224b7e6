using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BlazorContact.Tests.Support;
using MimeKit;

namespace BlazorContact.Tests.Notifications;

/// <summary>
/// A real SMTP server in its own process: Debian's aiosmtpd on 127.0.0.1 with a small handler that
/// writes each message's raw bytes to <c>ID.eml</c> and its envelope to <c>ID.json</c>.
/// </summary>
public sealed class SmtpServerProcess : IAsyncDisposable
{
    private const string HandlerScript = """
        import json, os, uuid


        class RecordingHandler:
            # Writes each message as received (raw bytes) to FOLDER/ID.eml and its envelope to ID.json.
            def __init__(self, folder):
                self.folder = folder
                os.makedirs(folder, exist_ok=True)

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0])

            async def handle_DATA(self, server, session, envelope):
                name = uuid.uuid4().hex
                with open(os.path.join(self.folder, name + '.json'), 'w') as f:
                    json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos}, f)
                partial = os.path.join(self.folder, name + '.partial')
                with open(partial, 'wb') as f:
                    f.write(envelope.original_content)
                os.replace(partial, os.path.join(self.folder, name + '.eml'))
                return '250 Message accepted for delivery'
        """;

    private readonly Process _process;
    private readonly StringBuilder _errors;

    private SmtpServerProcess(Process process, StringBuilder errors, string folder, int port)
    {
        _process = process;
        _errors = errors;
        Folder = folder;
        Port = port;
    }

    /// <summary>Scratch folder holding the handler script and <see cref="MailFolder"/>.</summary>
    public string Folder { get; }

    public string MailFolder => Path.Combine(Folder, "mail");

    public int Port { get; }

    /// <summary>Starts aiosmtpd on <paramref name="port"/> (a free one when 0) and waits until it accepts connections.</summary>
    public static async Task<SmtpServerProcess> StartAsync(int port = 0)
    {
        var folder = Path.Combine(Path.GetTempPath(), "blazorcontact-tests", "smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "recording_handler.py"), HandlerScript);
        port = port == 0 ? LoopbackPort.Free() : port;

        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "recording_handler.RecordingHandler", Path.Combine(folder, "mail") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = folder;
        var errors = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var server = new SmtpServerProcess(process, errors, folder, port);
        await server.WaitUntilListeningAsync();
        return server;
    }


    /// <summary>Waits for the first received message that <paramref name="match"/> accepts.</summary>
    public async Task<ReceivedEmail> WaitForMessageAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        ReceivedEmail? found = null;
        await Eventually.UntilAsync(
            () =>
            {
                ThrowIfExited();
                found = Messages().FirstOrDefault(m => match(m.Message));
                return found is not null;
            },
            "a matching email",
            timeout);
        return found!;
    }

    public IReadOnlyList<ReceivedEmail> Messages()
    {
        if (!Directory.Exists(MailFolder))
        {
            return [];
        }

        return Directory.GetFiles(MailFolder, "*.eml").Select(path =>
        {
            using var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".json")));
            return new ReceivedEmail(
                MimeMessage.Load(path),
                envelope.RootElement.GetProperty("mail_from").GetString()!,
                envelope.RootElement.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToList());
        }).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
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
            // Left for the OS to clean with the rest of the temp folder.
        }
    }

    private Task WaitUntilListeningAsync() => Eventually.UntilAsync(
        async () =>
        {
            ThrowIfExited();
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        },
        $"aiosmtpd to listen on port {Port}",
        TimeSpan.FromSeconds(15));

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode} (is python3-aiosmtpd installed? scripts/test.sh installs it): {Errors()}");
        }
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.ToString();
        }
    }
}
