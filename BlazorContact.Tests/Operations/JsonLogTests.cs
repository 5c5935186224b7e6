using System.Diagnostics;
using System.Text;
using System.Text.Json;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Operations;

/// <summary>
/// <c>Logging:Format=Json</c> as an operator runs it: the published server in its own process, its console read line
/// by line. Every line must be a JSON object, and a connection's lines carry its ClientId and ConversationId.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task Json_logs_are_one_object_per_line_with_the_connections_client_and_conversation_ids()
    {
        var folder = TestFolder.Create();
        var lines = new List<string>();
        using var server = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "BlazorContact.Web.dll"),
                "--Urls=http://127.0.0.1:0",
                "--Logging:Format=Json",
                $"--ConnectionStrings:Contact=Data Source={Path.Combine(folder, "contact.db")}",
            },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        })!;
        server.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(line.Data);
                }
            }
        };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            string? address = null;
            await Eventually.UntilAsync(() =>
            {
                Assert.False(server.HasExited, "the server exited: " + string.Join("\n", Snapshot(lines)));
                address = Snapshot(lines).Select(ListeningAddress).FirstOrDefault(a => a is not null);
                return address is not null;
            }, "the server to say where it listens", TimeSpan.FromSeconds(60));

            await using var client = await ContactClient.ConnectAsync(new Uri($"ws://{new Uri(address!).Authority}/contact"));
            // A rejected frame is logged with the ClientId in its message only: the ConversationId comes from the scope.
            await client.SendTextAsync("{not json");
            await client.ExpectAsync("error");

            JsonElement rejected = default;
            await Eventually.UntilAsync(() =>
            {
                var events = Snapshot(lines).Select(ParseLine).ToList();
                rejected = events.FirstOrDefault(e => e.TryGetProperty("EventId", out var id) && id.GetProperty("Id").GetInt32() == 3
                    && e.GetProperty("ClientId").GetString() == client.ClientId);
                return rejected.ValueKind == JsonValueKind.Object;
            }, "the rejected frame's log line");

            Assert.Equal(client.ConversationId, rejected.GetProperty("ConversationId").GetString());
            Assert.Equal("invalid_json", rejected.GetProperty("Code").GetString());
            Assert.Contains(client.ClientId, rejected.GetProperty("@m").GetString(), StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(rejected.GetProperty("@t").GetString(), out _));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            TestFolder.Delete(folder);
        }

        // Every line of the whole run, start-up included, is one JSON object.
        Assert.NotEmpty(lines);
        Assert.All(Snapshot(lines), line => Assert.Equal(JsonValueKind.Object, ParseLine(line).ValueKind));
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private static JsonElement ParseLine(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"not a JSON line ({ex.Message}): {line}");
        }
    }

    /// <summary>ASP.NET Core's "Now listening on: {address}", read from its property.</summary>
    private static string? ListeningAddress(string line) =>
        ParseLine(line).TryGetProperty("address", out var address) && address.GetString() is { } text && text.StartsWith("http://", StringComparison.Ordinal)
            ? text
            : null;
}
