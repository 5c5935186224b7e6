using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Support;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Integration;

/// <summary>
/// Random and mutated frames against the real server (Kestrel, real sockets, the real log). Seeded and
/// bounded: 3,000 frames in CI; <c>FUZZ_FRAMES</c>, <c>FUZZ_SECONDS</c> and <c>FUZZ_SEED</c> make a longer
/// or different run. Every reply must pass the server's own validator, every frame that keeps the
/// connection open must get exactly one direct answer, the frames the server refuses by design must close
/// with their documented status, and the log must stay free of errors.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ProtocolFuzzTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // Replies that are not the direct answer to one frame: the assistant's and owner's messages, the pieces
    // of a streamed reply, announcements. Every other server message answers exactly one client frame.
    private static readonly HashSet<string> Unsolicited = [MessageTypes.ChatMessage, MessageTypes.ChatMessageDelta, MessageTypes.Announcement];

    private readonly ITestOutputHelper _output;

    public ProtocolFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Thousands_of_random_and_mutated_frames_leave_the_server_serving_and_its_log_clean()
    {
        var frames = EnvInt("FUZZ_FRAMES", 3000);
        var budget = TimeSpan.FromSeconds(EnvInt("FUZZ_SECONDS", 90));
        var seed = EnvInt("FUZZ_SEED", 11);
        var log = new ServerLogFile();
        await using var server = await ContactServer.StartAsync(log.Settings);
        var fuzz = new FrameFuzzer(new Random(seed));
        var stats = new Dictionary<string, int>();
        var sent = 0;
        var connections = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (sent < frames && clock.Elapsed < budget)
            {
                connections++;
                sent += await RunConnectionAsync(server, fuzz, Math.Min(frames - sent, 1 + fuzz.Random.Next(40)), stats);
            }

            // A normal visitor is served afterwards, on a fresh connection.
            await using var visitor = await server.ConnectAsync();
            var (ack, reply) = await visitor.ChatAsync("你好，我想了解这个博客");
            Assert.Empty(ServerMessageProblems.Of(ack));
            Assert.Empty(ServerMessageProblems.Of(reply));

            var text = log.Text();
            _output.WriteLine($"seed {seed}: {sent} frames on {connections} connections in {clock.Elapsed.TotalSeconds:F1} s");
            _output.WriteLine(string.Join(", ", stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}")));
            Assert.True(sent >= Math.Min(frames, 500), $"only {sent} frames in {budget}");
            Assert.DoesNotContain("[ERR]", text, StringComparison.Ordinal);
            Assert.DoesNotContain("[FTL]", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
        finally
        {
            log.Delete();
        }
    }

    /// <summary>One connection: a batch of frames, then a ping; or a batch ending in a frame that must close it.</summary>
    private static async Task<int> RunConnectionAsync(ContactServer server, FrameFuzzer fuzz, int count, Dictionary<string, int> stats)
    {
        await using var client = await server.ConnectAsync();
        var receiver = new Receiver(client.Socket);
        var receiving = receiver.RunAsync();
        var answered = 0;
        var kinds = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var frame = fuzz.Next(client.SessionToken);
            kinds.Add(frame.Kind);
            stats[frame.Kind] = stats.GetValueOrDefault(frame.Kind) + 1;
            await SendAsync(client.Socket, frame);
            if (frame.Closes is { } status)
            {
                var closed = await receiving.WaitAsync(Wait);
                // Known gap (docs/reliability.md): after failing a connection for invalid UTF-8 the server does not
                // linger for the client's close, so the client sometimes sees a reset before the 1007 frame.
                var closedAsDocumented = status == closed || (status == WebSocketCloseStatus.InvalidPayloadData && closed is null);
                Assert.True(closedAsDocumented, $"{frame.Kind}: expected close {status}, got {closed?.ToString() ?? "no close"}");
                stats[$"{frame.Kind} closed {closed?.ToString() ?? "by reset"}"] = stats.GetValueOrDefault($"{frame.Kind} closed {closed?.ToString() ?? "by reset"}") + 1;
                // Over the limit, the server completes the queue and flushes it before its close frame. Invalid
                // UTF-8 is failed by the WebSocket layer itself inside the read (RFC 6455 §8.1), so answers still
                // queued at that moment may be lost: the client resends (same client_message_id) or resumes.
                var flushed = status == WebSocketCloseStatus.MessageTooBig ? answered == receiver.Direct : receiver.Direct <= answered;
                Assert.True(flushed, $"{frame.Kind}: {answered} frames before it, {receiver.Direct} answers");
                Assert.True(receiver.Problems.Count == 0, string.Join("\n", receiver.Problems));
                return i + 1;
            }

            answered++;
        }

        await client.SendPingAsync();
        await receiver.WaitForDirectAsync(answered + 1, string.Join(", ", kinds));
        Assert.True(receiver.Problems.Count == 0, string.Join("\n", receiver.Problems));
        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await receiving.WaitAsync(Wait);
        Assert.True(receiver.Problems.Count == 0, string.Join("\n", receiver.Problems));
        return count;
    }

    private static async Task SendAsync(ClientWebSocket socket, FuzzFrame frame)
    {
        using var timeout = new CancellationTokenSource(Wait);
        int[] ends = [.. frame.Splits, frame.Bytes.Length];
        var start = 0;
        try
        {
            for (var i = 0; i < ends.Length; i++)
            {
                await socket.SendAsync(frame.Bytes.AsMemory(start, ends[i] - start), frame.Type, i == ends.Length - 1, timeout.Token);
                start = ends[i];
            }
        }
        catch (WebSocketException) when (frame.Closes is not null)
        {
            // The server closed while the rest of an oversized or invalid frame was still being written.
        }
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>Reads every server frame, checks it with the server's validator and counts the direct answers.</summary>
    private sealed class Receiver(ClientWebSocket socket)
    {
        private readonly SemaphoreSlim _answered = new(0);

        public List<string> Problems { get; } = [];

        private int _direct;

        public int Direct => Volatile.Read(ref _direct);

        public bool Ended { get; private set; }

        public async Task WaitForDirectAsync(int expected, string sent)
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (Direct < expected && !Ended)
            {
                await _answered.WaitAsync(timeout.Token);
            }

            Assert.True(expected == Direct, $"{Direct} answers to {expected} frames; connection ended: {Ended}; sent: {sent}");
        }

        /// <summary>Runs until the server closes; returns its close status.</summary>
        public async Task<WebSocketCloseStatus?> RunAsync()
        {
            var buffer = new byte[128 * 1024];
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                try
                {
                    do
                    {
                        if (count == buffer.Length)
                        {
                            Array.Resize(ref buffer, buffer.Length * 2);
                        }

                        result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                        count += result.Count;
                    }
                    while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                }
                catch (WebSocketException)
                {
                    // Reset without a close frame: what a server crash on this connection looks like.
                    Ended = true;
                    _answered.Release();
                    return null;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    try
                    {
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        }
                    }
                    catch (WebSocketException)
                    {
                        // After failing a connection (1007) the server drops the TCP connection without waiting
                        // for our close frame, as RFC 6455 §7.1.7 allows.
                    }

                    Ended = true;
                    _answered.Release();
                    return socket.CloseStatus;
                }

                var frame = buffer.AsMemory(0, count);
                var problems = ServerMessageValidator.Validate(frame);
                if (problems.Count > 0)
                {
                    Problems.Add($"{Encoding.UTF8.GetString(frame.Span)}: {string.Join("; ", problems)}");
                    continue;
                }

                using var document = JsonDocument.Parse(frame);
                var type = document.RootElement.GetProperty("type").GetString()!;
                if (type == MessageTypes.Error && !ErrorCodes.All.Contains(document.RootElement.GetProperty("code").GetString()!))
                {
                    Problems.Add($"unknown error code: {Encoding.UTF8.GetString(frame.Span)}");
                }

                if (!Unsolicited.Contains(type))
                {
                    Interlocked.Increment(ref _direct);
                    _answered.Release();
                }
            }
        }
    }
}

/// <param name="Splits">Byte offsets where the message is cut into further frames (a fragmented message).</param>
/// <param name="Closes">The close status the server must answer this frame with, or null if it stays open.</param>
internal sealed record FuzzFrame(string Kind, byte[] Bytes, WebSocketMessageType Type, int[] Splits, WebSocketCloseStatus? Closes);

/// <summary>Makes the fuzz test's frames from one seeded <see cref="Random"/>, so a failing seed replays exactly.</summary>
internal sealed class FrameFuzzer(Random random)
{
    private const string Stamp = "2025-01-01T12:00:00.000Z";

    // Raw JSON string contents (escapes as a client would write them) that are hard on text handling.
    private static readonly string[] Nasty =
    [
        "\\ud800", "a\\udfffb", "\\ud83d", "\\u0000", "x\\u0000y", "\u202Eevil\u202C", "\u2066iso\u2069", "\u200F\u200E",
        "😀", "👩‍👩‍👧‍👦", "🇨🇳", "e\u0301\u0301\u0301\u0301", "\uFEFF", "\uFFFF", "\\u001b[31m", "\u0001\u001F\u007F",
        "<script>alert(1)</script>", "'; DROP TABLE messages; --", "\\\"", "\\\\", "%00", "你好", "\\n\\r\\t",
    ];

    private const string Garbage = "{}[]\",:\\ 0a-";

    private static readonly string[] Types = ["chat_message", "contact_request", "ping", "resume", "history", "hello", "", "CHAT_MESSAGE"];

    public Random Random { get; } = random;

    public FuzzFrame Next(string sessionToken)
    {
        var roll = Random.Next(100);
        var frame = roll switch
        {
            < 12 => Text("valid", Valid(sessionToken).ToJsonString()),
            < 24 => Text("field-removed", Removed(Valid(sessionToken))),
            < 38 => Text("field-retyped", Retyped(Valid(sessionToken))),
            < 50 => Text("unicode", Unicode(sessionToken)),
            < 55 => Text("oversized-string", Oversized()),
            < 58 => Text("nested-10000", "{\"type\":\"ping\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}"),
            < 63 => Text("huge-number", HugeNumber()),
            < 68 => Text("duplicate-keys", """{"type":"ping","type":"chat_message","message":"a","message":"b","timestamp":"2025-01-01T12:00:00Z"}"""),
            < 76 => Text("garbled-json", Garble(Valid(sessionToken).ToJsonString())),
            < 80 => Text("empty", ""),
            < 85 => new FuzzFrame("binary", RandomBytes(Random.Next(0, 300)), WebSocketMessageType.Binary, [], null),
            < 88 => new FuzzFrame("invalid-utf8", InvalidUtf8(), WebSocketMessageType.Text, [], WebSocketCloseStatus.InvalidPayloadData),
            < 90 => new FuzzFrame("over-64KiB", Encoding.UTF8.GetBytes(Oversize()), WebSocketMessageType.Text, [], WebSocketCloseStatus.MessageTooBig),
            _ => Text("type-mixup", $$"""{"type":"{{Types[Random.Next(Types.Length)]}}","message":"hi","timestamp":"{{Stamp}}","userAgent":"u"}"""),
        };

        // A quarter of all frames go as a fragmented message, cut anywhere (even inside a UTF-8 sequence),
        // sometimes with empty fragments.
        if (frame.Bytes.Length > 1 && Random.Next(4) == 0)
        {
            var cuts = Enumerable.Range(0, Random.Next(1, 6)).Select(_ => Random.Next(0, frame.Bytes.Length + 1)).Order().ToArray();
            frame = frame with { Kind = frame.Kind + "+fragmented", Splits = cuts };
        }

        return frame;
    }

    private static FuzzFrame Text(string kind, string json) => new(kind, Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, [], null);

    private System.Text.Json.Nodes.JsonObject Valid(string sessionToken) => Random.Next(6) switch
    {
        0 => new() { ["type"] = "chat_message", ["message"] = Words(), ["timestamp"] = Stamp, ["client_message_id"] = $"c{Random.Next(20)}" },
        1 => new() { ["type"] = "chat_message", ["message"] = Words(), ["timestamp"] = Stamp, ["stream"] = Random.Next(2) == 0 },
        2 => new() { ["type"] = "contact_request", ["message"] = Words(), ["timestamp"] = Stamp, ["userAgent"] = "fuzz/1.0", ["name"] = "小王", ["email"] = "w@example.com", ["page"] = "/p" },
        3 => new() { ["type"] = "ping" },
        4 => new() { ["type"] = "history", ["limit"] = Random.Next(1, 60) },
        _ => new() { ["type"] = "resume", ["session_token"] = Random.Next(2) == 0 ? sessionToken : Guid.NewGuid().ToString("N"), ["last_message_id"] = Random.Next(0, 5) },
    };

    private string Removed(System.Text.Json.Nodes.JsonObject message)
    {
        var keys = message.Select(p => p.Key).ToArray();
        message.Remove(keys[Random.Next(keys.Length)]);
        return message.ToJsonString();
    }

    private string Retyped(System.Text.Json.Nodes.JsonObject message)
    {
        var keys = message.Select(p => p.Key).ToArray();
        var key = keys[Random.Next(keys.Length)];
        var json = message.ToJsonString();
        var replacement = Random.Next(8) switch
        {
            0 => "42",
            1 => "[1,\"a\",null]",
            2 => "{\"nested\":{\"deeper\":true}}",
            3 => "null",
            4 => "true",
            5 => "-0.0e-0",
            6 => "1e999",
            _ => "\"\"",
        };

        message.Remove(key);
        var rest = message.ToJsonString();
        return rest.Length <= 2 ? $"{{\"{key}\":{replacement}}}" : $"{{\"{key}\":{replacement},{rest[1..]}";
    }

    private string Unicode(string sessionToken)
    {
        var nasty = Nasty[Random.Next(Nasty.Length)];
        return Random.Next(7) switch
        {
            0 => $$"""{"type":"chat_message","message":"hi{{nasty}}","timestamp":"{{Stamp}}"}""",
            1 => $$"""{"type":"contact_request","message":"hi","timestamp":"{{Stamp}}","userAgent":"{{nasty}}","name":"{{nasty}}","page":"/{{nasty}}"}""",
            2 => $$"""{"type":"contact_request","message":"{{nasty}}","timestamp":"{{Stamp}}","userAgent":"u","email":"a{{nasty}}@example.com"}""",
            3 => $$"""{"type":"{{nasty}}"}""",
            4 => $$"""{"type":"chat_message","message":"hi","timestamp":"{{Stamp}}","client_message_id":"{{nasty}}"}""",
            5 => $$"""{"{{nasty}}":1,"type":"ping"}""",
            _ => $$"""{"type":"resume","session_token":"{{sessionToken}}{{nasty}}"}""",
        };
    }

    private string Oversized()
    {
        var field = Random.Next(4) switch { 0 => "userAgent", 1 => "name", 2 => "page", _ => "email" };
        var big = new string('长', Random.Next(4_001, 12_000));
        return Random.Next(2) == 0
            ? $$"""{"type":"chat_message","message":"{{big}}","timestamp":"{{Stamp}}"}"""
            : $$"""{"type":"contact_request","message":"hi","timestamp":"{{Stamp}}","userAgent":"u","{{field}}":"{{big[..3000]}}"}""";
    }

    private string HugeNumber()
    {
        var digits = string.Concat(Enumerable.Range(0, Random.Next(20, 400)).Select(_ => (char)('0' + Random.Next(10))));
        return Random.Next(4) switch
        {
            0 => $$"""{"type":"history","limit":{{digits}}}""",
            1 => $$"""{"type":"history","before_message_id":-{{digits}}}""",
            2 => $$"""{"type":"resume","session_token":"t","last_message_id":{{digits}}.5e{{Random.Next(400)}}}""",
            _ => $$"""{"type":"chat_message","message":"hi","timestamp":"{{Stamp}}","client_message_id":{{digits}}}""",
        };
    }

    // Mutates ASCII positions only, so the frame stays valid UTF-8 and the parser (not the socket) sees it.
    private string Garble(string json)
    {
        var chars = json.ToCharArray();
        for (var i = Random.Next(1, 5); i > 0; i--)
        {
            var at = Random.Next(chars.Length);
            chars[at] = Garbage[Random.Next(Garbage.Length)];
        }

        var text = new string(chars);
        return Random.Next(3) == 0 ? text[..Random.Next(text.Length)] : text;
    }

    private byte[] InvalidUtf8()
    {
        var prefix = Encoding.UTF8.GetBytes("{\"type\":\"chat_message\",\"message\":\"hi");
        byte[][] bad = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]];
        var suffix = Encoding.UTF8.GetBytes("\",\"timestamp\":\"" + Stamp + "\"}");
        return [.. prefix, .. bad[Random.Next(bad.Length)], .. suffix];
    }

    private string Oversize() =>
        $$"""{"type":"chat_message","message":"{{new string('x', 64 * 1024 + Random.Next(1, 40_000))}}","timestamp":"{{Stamp}}"}""";

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.NextBytes(bytes);
        return bytes;
    }

    private string Words()
    {
        string[] words = ["你好", "博客", "RSS", "联系", "hello", "how", "do", "I", "subscribe", "😀"];
        return string.Join(' ', Enumerable.Range(0, Random.Next(1, 8)).Select(_ => words[Random.Next(words.Length)]));
    }
}
