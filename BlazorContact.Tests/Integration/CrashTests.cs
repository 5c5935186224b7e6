using BlazorContact.Tests.Cluster;
using BlazorContact.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Integration;

/// <summary>
/// An acknowledgement is a promise: the server (its own process, on a SQLite file) is killed with SIGKILL
/// while visitors chat as fast as they can, then started again. Every acknowledged message must be in the
/// file, and a resend of each acknowledged <c>client_message_id</c> after <c>resume</c> must come back with
/// the same <c>message_id</c>.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = TestFolder.Create();
    private AppProcess _server = null!;

    private string DatabasePath => Path.Combine(_folder, "contact.db");

    public async Task InitializeAsync() =>
        _server = await AppProcess.StartAsync("crash", new Dictionary<string, string?> { ["ConnectionStrings:Contact"] = $"Data Source={DatabasePath}" });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task After_a_SIGKILL_under_load_every_acknowledged_message_is_stored_and_a_resend_gets_the_same_id()
    {
        var visitors = Enumerable.Range(0, 4).Select(i => new ResumingVisitor($"visitor {i}", _server.ContactUri, () => new System.Net.WebSockets.ClientWebSocket())).ToList();
        var texts = visitors.ToDictionary(v => v, _ => new Dictionary<string, string>());
        try
        {
            foreach (var visitor in visitors)
            {
                await visitor.ConnectAsync();
            }

            using var loadEnds = new CancellationTokenSource();
            var load = visitors.Select(visitor => Task.Run(async () =>
            {
                // Bounded; it runs through the kill and the restart.
                for (var n = 0; n < 5_000 && !loadEnds.IsCancellationRequested; n++)
                {
                    var key = $"{visitor.Name}-{n}";
                    texts[visitor][key] = $"{visitor.Name}: message {n} about sourdough starters";
                    await visitor.ChatAsync(texts[visitor][key], key);
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(2));
            await _server.KillAsync();
            var acknowledgedAtKill = visitors.Sum(v => v.Acknowledged.Count);
            await _server.StartAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            loadEnds.Cancel();
            await Task.WhenAll(load);

            // Every acknowledged message: in the file, and acknowledged again with the same id when resent.
            var verified = 0;
            using var database = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
            database.Open();
            foreach (var visitor in visitors)
            {
                foreach (var (key, id) in visitor.Acknowledged.ToList())
                {
                    using var command = database.CreateCommand();
                    command.CommandText = "SELECT text FROM messages WHERE id = $id AND client_message_id = $k AND conversation_id = $c";
                    command.Parameters.AddWithValue("$id", id);
                    command.Parameters.AddWithValue("$k", key);
                    command.Parameters.AddWithValue("$c", visitor.ConversationId);
                    Assert.True(command.ExecuteScalar() as string == texts[visitor][key], $"{visitor}: {key} was acknowledged as {id} but is not stored");
                    Assert.Equal(id, await visitor.ChatAsync(texts[visitor][key], key));
                    verified++;
                }
            }

            Assert.All(visitors, visitor => Assert.True(visitor.Reconnects >= 1, $"{visitor} never lost its connection: the kill missed the load"));
            var acknowledged = visitors.Sum(v => v.Acknowledged.Count);
            Assert.Equal(acknowledged, verified);
            output.WriteLine($"SIGKILL under load: {acknowledgedAtKill} acknowledged before the kill, {acknowledged} in all, {verified} verified stored and re-acknowledged with the same id, 0 lost; " +
                $"visitors back after {string.Join(", ", visitors.SelectMany(v => v.Recoveries).Select(t => $"{t.TotalSeconds:F1} s"))}");
        }
        finally
        {
            foreach (var visitor in visitors)
            {
                await visitor.DisposeAsync();
            }
        }
    }
}
