using System.Diagnostics;
using System.Net;
using BlazorContact.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Integration;

/// <summary>
/// The disk under the database fills up while the server runs (a small tmpfs the test mounts, so it needs
/// root, as scripts/test.sh does). The lock-held case is <see cref="DurabilityTests"/>'
/// <c>Storage_that_cannot_commit_gets_unavailable_and_nothing_is_acknowledged</c>.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = TestFolder.Create();

    private string DatabasePath => Path.Combine(_folder, "contact.db");

    private string FillerPath => Path.Combine(_folder, "filler");

    public async Task InitializeAsync()
    {
        var mount = await RunAsync("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", _folder);
        Assert.True(mount.ExitCode == 0, $"this test mounts a tmpfs and needs root: {mount.Output}");
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await RunAsync("umount", "-l", _folder);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_full_disk_gets_unavailable_acknowledges_nothing_keeps_the_server_up_and_recovers_when_space_returns()
    {
        var clock = Stopwatch.StartNew();
        await using var server = await AppProcess.StartAsync("disk-full", new Dictionary<string, string?>
        {
            ["ConnectionStrings:Contact"] = $"Data Source={DatabasePath}",
        });
        await using var client = await ContactClient.ConnectAsync(server.ContactUri);
        var acknowledged = new List<string>();
        var refused = new List<string>();
        var padding = new string('x', 3000);
        var sent = 0;

        Assert.Equal(Outcome.Answered, await SendAsync(client, $"before {sent++} {padding}", acknowledged, refused));
        output.WriteLine($"started and answered in {clock.ElapsedMilliseconds} ms");
        FillDisk();

        // The WAL may still have room it reuses; the first write past it finds the disk full.
        var full = Stopwatch.StartNew();
        while (refused.Count == 0 && sent < 1000)
        {
            await SendAsync(client, $"full {sent++} {padding}", acknowledged, refused);
        }

        var refusedAfter = full.Elapsed;
        Assert.True(refused.Count == 1, $"no message was refused after {sent} on a full disk:\n{server.Output}");
        // Still full: still refused, and the process answers.
        Assert.Equal(Outcome.Refused, await SendAsync(client, $"still full {sent++}", acknowledged, refused));
        Assert.True(server.IsRunning, server.Output);
        using (var http = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server.HttpUri, "/healthz"))).StatusCode);
        }

        File.Delete(FillerPath);
        var recovery = Stopwatch.StartNew();
        var attempts = 0;
        Outcome outcome;
        do
        {
            attempts++;
            outcome = await SendAsync(client, $"space again {sent++}", acknowledged, refused);
        }
        while (outcome == Outcome.Refused && attempts < 20);

        output.WriteLine($"{sent} sent, {acknowledged.Count} acknowledged, {refused.Count} refused; first refusal {refusedAfter.TotalMilliseconds:F0} ms after the disk filled; "
            + $"recovered on attempt {attempts} after {recovery.ElapsedMilliseconds} ms");
        Assert.Equal(1, attempts);
        Assert.NotEqual(Outcome.Refused, outcome);

        await server.StopAsync();
        output.WriteLine($"stopped at {clock.ElapsedMilliseconds} ms");
        using var database = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        database.Open();
        Assert.All(acknowledged, text => Assert.Equal(1, Count(database, text)));
        Assert.All(refused, text => Assert.Equal(0, Count(database, text)));
    }

    private enum Outcome
    {
        /// <summary>Acknowledged and answered.</summary>
        Answered,

        /// <summary>Acknowledged; the assistant's reply could not be stored (its own <c>unavailable</c>).</summary>
        AcknowledgedOnly,

        /// <summary><c>unavailable</c> instead of an acknowledgement.</summary>
        Refused,
    }

    /// <summary>Sends one message and reads until its outcome is known.</summary>
    private static async Task<Outcome> SendAsync(ContactClient client, string text, List<string> acknowledged, List<string> refused)
    {
        await client.SendChatAsync(text, clientMessageId: $"c-{acknowledged.Count + refused.Count}");
        var wasAcknowledged = false;
        while (true)
        {
            var frame = await client.ReceiveAsync();
            switch (frame.GetProperty("type").GetString())
            {
                case "chat_message_received":
                    wasAcknowledged = true;
                    acknowledged.Add(text);
                    break;
                case "chat_message" when wasAcknowledged:
                    return Outcome.Answered;
                case "error":
                    Assert.Equal("unavailable", frame.GetProperty("code").GetString());
                    if (wasAcknowledged)
                    {
                        return Outcome.AcknowledgedOnly;
                    }

                    refused.Add(text);
                    return Outcome.Refused;
            }
        }
    }

    private void FillDisk()
    {
        var block = new byte[64 * 1024];
        using var filler = new FileStream(FillerPath, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full.
        }
    }

    private static long Count(SqliteConnection database, string text)
    {
        using var count = database.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM messages WHERE text = $text";
        count.Parameters.AddWithValue("$text", text);
        return (long)count.ExecuteScalar()!;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var text = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, text);
    }
}
