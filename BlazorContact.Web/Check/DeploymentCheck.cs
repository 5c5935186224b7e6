using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Web.Check;

/// <summary>
/// <c>check ws://host:port/contact [--timeout SECONDS]</c>: the guide's <c>test/websocket_contact_test.py</c>
/// in C#. It runs the guide's conversation against a deployment, validates every reply with the
/// server's own <see cref="ServerMessageValidator"/>, and prints one line per step.
/// Exit code 0: every step passed; 1: a step failed (or the server can't be reached); 2: bad usage.
/// </summary>
internal static class DeploymentCheck
{
    public const string Usage = """
        usage: dotnet run --project BlazorContact.Web -- check <ws://host:port/contact> [--timeout SECONDS]
          Runs the guide's conversation against a running server and validates every reply.
          --timeout SECONDS   how long each connect or reply may take (default 10)
          exit code: 0 all steps passed, 1 a step failed or the server can't be reached, 2 bad usage
        """;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is ["-h" or "--help"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        if (ParseArguments(args, out var uri, out var timeout) is { } usageProblem)
        {
            output.WriteLine($"check: {usageProblem}");
            output.WriteLine(Usage);
            return 2;
        }

        output.WriteLine($"BlazorContact check of {uri} (each wait times out after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)");
        await using var run = new GuideRun(uri, timeout);
        (string Name, Func<Task<string?>> Body)[] steps =
        [
            ("connect → connection_established", run.ConnectAsync),
            ("contact_request → contact_request_received", run.SendContactRequestAsync),
            .. GuideRun.Questions.Select((question, i) => ($"chat_message “{question}” → ack + assistant reply", (Func<Task<string?>>)(() => run.ChatAsync(i)))),
            ("resend the last chat_message (same client_message_id) → same message_id, no second answer", run.ResendAsync),
            ("ping → pong", run.PingAsync),
            ("resume on a new connection (last_message_id 0) → resumed, 3 replies replayed in order", run.ResumeAsync),
        ];

        var total = Stopwatch.StartNew();
        for (var i = 0; i < steps.Length; i++)
        {
            var step = await RunStepAsync(steps[i].Name, steps[i].Body);
            output.WriteLine(step.Format());
            if (!step.Passed)
            {
                // Each step builds on the ones before it, so the rest would only repeat this failure.
                var notRun = steps.Length - i - 1;
                output.WriteLine($"FAIL: {i} of {steps.Length} steps passed; stopped at “{step.Name}”{(notRun > 0 ? $", {notRun} not run" : "")}");
                return 1;
            }
        }

        output.WriteLine($"PASS: all {steps.Length} steps passed in {total.ElapsedMilliseconds} ms; every reply matched PROTOCOL.md");
        return 0;
    }

    /// <summary>The one place a step's failure becomes a report line.</summary>
    private static async Task<CheckStep> RunStepAsync(string name, Func<Task<string?>> body)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var seen = await body();
            return new CheckStep(name, true, watch.ElapsedMilliseconds, seen);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidDataException or IOException or WebSocketException)
        {
            return new CheckStep(name, false, watch.ElapsedMilliseconds, ex.Message);
        }
    }

    private static string? ParseArguments(string[] args, out Uri uri, out TimeSpan timeout)
    {
        uri = null!;
        timeout = DefaultTimeout;
        string? url = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--timeout")
            {
                if (i + 1 >= args.Length
                    || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                    || seconds is not (> 0 and <= 3600))
                {
                    return "--timeout needs a number of seconds between 0 and 3600, e.g. --timeout 10";
                }

                timeout = TimeSpan.FromSeconds(seconds);
                i++;
            }
            else if (args[i].StartsWith('-'))
            {
                return $"unknown option {args[i]}";
            }
            else if (url is not null)
            {
                return $"only one URL, please (got {url} and {args[i]})";
            }
            else
            {
                url = args[i];
            }
        }

        if (url is null)
        {
            return "the server's WebSocket URL is missing";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("ws" or "wss"))
        {
            return $"{url} is not a ws:// or wss:// URL, e.g. ws://127.0.0.1:8080/contact";
        }

        uri = parsed;
        return null;
    }

    /// <summary>The guide's conversation, one method per step; each returns what it saw, for the report.</summary>
    private sealed class GuideRun(Uri uri, TimeSpan timeout) : IAsyncDisposable
    {
        public static readonly string[] Questions = ["你好，这个博客系统是怎么搭建的？", "能介绍一下使用的技术栈吗？", "如何部署到生产环境？"];

        private readonly List<(long Ack, long Reply)> _exchanges = [];
        private CheckConnection? _first;
        private CheckConnection? _second;
        private long _largestId;

        public async Task<string?> ConnectAsync()
        {
            _first = await CheckConnection.OpenAsync(uri, timeout);
            return $"client_id {_first.ClientId}";
        }

        public async Task<string?> SendContactRequestAsync()
        {
            await _first!.SendAsync(new ContactRequest("你好，我想咨询技术问题", GuideTimestamp(), "BlazorContact check"));
            var received = await _first.ExpectAsync(MessageTypes.ContactRequestReceived);
            return $"request_id {received.GetProperty("request_id").GetInt64()}";
        }

        public async Task<string?> ChatAsync(int index)
        {
            var clientMessageId = ClientMessageId(index);
            await SendChatAsync(index, clientMessageId);
            var ack = await _first!.ExpectAsync(MessageTypes.ChatMessageReceived);
            var ackId = ack.GetProperty("message_id").GetInt64();
            RequireEcho(ack, clientMessageId);
            if (ackId <= _largestId)
            {
                throw new InvalidDataException($"message_id {ackId} does not increase (the conversation already has {_largestId})");
            }

            var reply = await _first.ExpectAsync(MessageTypes.ChatMessage);
            var replyId = reply.GetProperty("message_id").GetInt64();
            var sender = reply.GetProperty("sender").GetString();
            var replyTo = reply.TryGetProperty("reply_to", out var to) ? to.GetInt64() : (long?)null;
            if (sender != Senders.Assistant || replyTo != ackId || replyId <= ackId)
            {
                throw new InvalidDataException(
                    $"expected the assistant's reply to message_id {ackId}, got sender {sender}, reply_to {replyTo?.ToString(CultureInfo.InvariantCulture) ?? "none"}, message_id {replyId}");
            }

            _largestId = replyId;
            _exchanges.Add((ackId, replyId));
            return $"message_id {ackId} → reply {replyId}: {FirstLine(reply.GetProperty("message").GetString()!)}";
        }

        public async Task<string?> ResendAsync()
        {
            var last = Questions.Length - 1;
            await SendChatAsync(last, ClientMessageId(last));
            var ack = await _first!.ExpectAsync(MessageTypes.ChatMessageReceived);
            var ackId = ack.GetProperty("message_id").GetInt64();
            RequireEcho(ack, ClientMessageId(last));
            if (ackId != _exchanges[last].Ack)
            {
                throw new InvalidDataException($"the resend got message_id {ackId}, the original had {_exchanges[last].Ack}: it was stored twice");
            }

            // Frames of one connection are handled in order: a second answer would arrive before the pong.
            await SendPingAsync();
            var next = await _first.ReceiveAsync(MessageTypes.Pong);
            if (CheckConnection.TypeOf(next) != MessageTypes.Pong)
            {
                throw new InvalidDataException(CheckConnection.TypeOf(next) == MessageTypes.ChatMessage
                    ? $"the resend was answered a second time (message_id {next.GetProperty("message_id").GetInt64()})"
                    : $"expected pong after the resend, got {CheckConnection.TypeOf(next)}");
            }

            return $"message_id {ackId} again; the pong came next";
        }

        public async Task<string?> PingAsync()
        {
            await SendPingAsync();
            var pong = await _first!.ExpectAsync(MessageTypes.Pong);
            return $"timestamp {pong.GetProperty("timestamp").GetString()}";
        }

        public async Task<string?> ResumeAsync()
        {
            await _first!.CloseAsync();
            _second = await CheckConnection.OpenAsync(uri, timeout);
            await _second.SendAsync(new Resume(_first.SessionToken, LastMessageId: 0));
            var resumed = await _second.ExpectAsync(MessageTypes.Resumed);
            var replayed = resumed.GetProperty("replayed").GetInt32();
            var conversationId = resumed.GetProperty("conversation_id").GetString();
            if (replayed != _exchanges.Count || conversationId != _first.ConversationId || resumed.GetProperty("client_id").GetString() != _second.ClientId)
            {
                throw new InvalidDataException(
                    $"expected replayed {_exchanges.Count} of conversation {_first.ConversationId} for client {_second.ClientId}, got {resumed.GetRawText()}");
            }

            foreach (var (ack, reply) in _exchanges)
            {
                var message = await _second.ExpectAsync(MessageTypes.ChatMessage);
                var id = message.GetProperty("message_id").GetInt64();
                if (id != reply)
                {
                    throw new InvalidDataException($"expected the replay of reply {reply} (to message_id {ack}), got message_id {id}");
                }
            }

            await _second.CloseAsync();
            return $"replayed {replayed}: message_id {string.Join(", ", _exchanges.Select(e => e.Reply))}";
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in new[] { _first, _second })
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }

        private Task SendChatAsync(int index, string clientMessageId) =>
            _first!.SendAsync(new ChatMessage(Questions[index], GuideTimestamp(), clientMessageId));

        private Task SendPingAsync() => _first!.SendAsync(Ping.Instance);

        private static void RequireEcho(JsonElement ack, string clientMessageId)
        {
            var echoed = ack.TryGetProperty("client_message_id", out var element) ? element.GetString() : null;
            if (echoed != clientMessageId)
            {
                throw new InvalidDataException($"client_message_id {clientMessageId} was not echoed (got {echoed ?? "none"})");
            }
        }

        private static string ClientMessageId(int index) => $"check-{index + 1}";

        // What the guide's Python client sends: datetime.now().isoformat(), local time without an offset.
        private static string GuideTimestamp() => DateTime.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

        private static string FirstLine(string answer)
        {
            var line = answer.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
            return line.Length <= 80 ? line : string.Concat(line.AsSpan(0, 79), "…");
        }
    }
}
