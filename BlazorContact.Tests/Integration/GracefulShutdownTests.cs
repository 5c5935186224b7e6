using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using BlazorContact.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Integration;

/// <summary>SIGTERM, as systemd sends it, to a server in its own process with visitors writing.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Visitors = 8;
    private readonly string _folder = TestFolder.Create();

    private string DatabasePath => Path.Combine(_folder, "contact.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TestFolder.Delete(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sigterm_with_messages_in_flight_stores_every_acknowledged_one_closes_with_1001_and_exits_promptly()
    {
        await using var server = await AppProcess.StartAsync("term", new Dictionary<string, string?>
        {
            ["ConnectionStrings:Contact"] = $"Data Source={DatabasePath}",
        });
        var visitors = new List<WritingVisitor>();
        for (var i = 0; i < Visitors; i++)
        {
            visitors.Add(new WritingVisitor(await ContactClient.ConnectAsync(server.ContactUri), $"v{i}"));
        }

        // One more that never reads again, so never answers the server's close: it must not hold the exit.
        await using var silent = await ContactClient.ConnectAsync(server.ContactUri);

        // Let every visitor get some messages acknowledged, then stop the server while they keep writing.
        await Eventually.UntilAsync(() => visitors.All(visitor => visitor.Acknowledged.Count >= 3), "three acknowledgements for every visitor", TimeSpan.FromSeconds(20));
        var stopping = Stopwatch.StartNew();
        await server.StopAsync();
        var exitedAfter = stopping.Elapsed;
        var closes = await Task.WhenAll(visitors.Select(visitor => visitor.Finished));

        output.WriteLine($"exited {exitedAfter.TotalMilliseconds:F0} ms after SIGTERM; acknowledged {visitors.Sum(v => v.Acknowledged.Count)}, sent {visitors.Sum(v => v.Sent)}");
        Assert.False(server.IsRunning);
        Assert.Equal(0, server.ExitCode);
        // The silent visitor is dropped after Contact:CloseTimeout (5 s); the host's own limit would be 30 s.
        Assert.True(exitedAfter < TimeSpan.FromSeconds(10), $"took {exitedAfter} to exit:\n{server.Output}");
        Assert.All(closes, close => Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, close));

        using var database = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        database.Open();
        foreach (var visitor in visitors)
        {
            foreach (var (clientMessageId, messageId) in visitor.Acknowledged)
            {
                using var find = database.CreateCommand();
                find.CommandText = "SELECT COUNT(*) FROM messages WHERE id = $id AND text = $text";
                find.Parameters.AddWithValue("$id", messageId);
                find.Parameters.AddWithValue("$text", clientMessageId);
                Assert.True((long)find.ExecuteScalar()! == 1, $"acknowledged {clientMessageId} as {messageId} but it is not stored");
            }
        }
    }

    /// <summary>A visitor sending a message every few milliseconds and noting each acknowledgement, until the server closes.</summary>
    private sealed class WritingVisitor
    {
        private readonly ContactClient _client;
        private readonly string _name;
        private readonly CancellationTokenSource _stopSending = new();

        public WritingVisitor(ContactClient client, string name)
        {
            _client = client;
            _name = name;
            var sending = SendAsync();
            Finished = ReceiveAsync(sending);
        }

        public System.Collections.Concurrent.ConcurrentDictionary<string, long> Acknowledged { get; } = new();

        public int Sent { get; private set; }

        /// <summary>The close status the server sent.</summary>
        public Task<WebSocketCloseStatus?> Finished { get; }

        private async Task SendAsync()
        {
            try
            {
                while (!_stopSending.IsCancellationRequested)
                {
                    var text = $"{_name}-{Sent}";
                    await _client.SendChatAsync(text, clientMessageId: text);
                    Sent++;
                    await Task.Delay(5, _stopSending.Token);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The server closed while this one was being sent: it was never acknowledged.
            }
        }

        private async Task<WebSocketCloseStatus?> ReceiveAsync(Task sending)
        {
            var socket = _client.Socket;
            var buffer = new byte[64 * 1024];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, timeout.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await _stopSending.CancelAsync();
                        await sending;
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
                        return result.CloseStatus;
                    }

                    // Frames here are small; one receive holds one whole message.
                    using var message = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                    var root = message.RootElement;
                    if (root.GetProperty("type").GetString() == "chat_message_received")
                    {
                        Acknowledged[root.GetProperty("client_message_id").GetString()!] = root.GetProperty("message_id").GetInt64();
                    }
                }
            }
            catch (WebSocketException)
            {
                await _stopSending.CancelAsync();
                return null;
            }
        }
    }
}
