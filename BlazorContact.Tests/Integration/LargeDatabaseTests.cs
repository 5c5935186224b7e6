using System.Diagnostics;
using BlazorContact.Core.Inbox;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Integration;

/// <summary>
/// A blog after years of use: 10,000 conversations and 100,000 messages in the SQLite file. The server must
/// still start, resume and fill the inbox from it. Times are printed for docs/reliability.md, not asserted.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class LargeDatabaseTests(ITestOutputHelper output)
{
    private const int Conversations = 10_000;
    private const int MessagesPerConversation = 10;

    [Fact]
    public async Task Start_up_resume_and_the_inbox_work_on_ten_thousand_conversations_and_a_hundred_thousand_messages()
    {
        await using var server = await ContactServer.StartAsync();
        var store = server.Services.GetRequiredService<IConversationStore>();
        // Within the session lifetime (30 days), so the resume below is allowed; one conversation a minute for a week.
        var start = DateTimeOffset.UtcNow.AddDays(-8);
        var seeding = Stopwatch.StartNew();
        // 100 writers at once, as group commit likes them.
        await Parallel.ForEachAsync(Enumerable.Range(0, Conversations), new ParallelOptions { MaxDegreeOfParallelism = 100 }, async (c, ct) =>
        {
            var origin = new ConversationOrigin($"c{c:D5}", $"token-{c}", "agent", "192.0.2.1", "/posts/x");
            var at = start.AddMinutes(c);
            for (var m = 0; m < MessagesPerConversation; m += 2)
            {
                var asked = await store.AppendVisitorMessageAsync(new NewVisitorMessage(origin, $"question {m} of {c}", "2025-01-01T00:00:00Z", $"k{m}", at.AddSeconds(m)), ct);
                await store.AppendReplyAsync(new NewReply(origin.ConversationId, Senders.Assistant, $"answer {m} of {c}", asked.MessageId, at.AddSeconds(m + 1)), ct);
            }
        });
        seeding.Stop();
        Assert.Equal(Conversations * MessagesPerConversation, server.CountRows("SELECT COUNT(*) FROM messages"));

        var restart = Stopwatch.StartNew();
        await server.RestartAsync();
        restart.Stop();

        var queries = server.Services.GetRequiredService<InboxQueries>();
        var list = Stopwatch.StartNew();
        var newest = await queries.ListAsync(InboxFilter.Open, CancellationToken.None);
        list.Stop();
        Assert.Equal(InboxQueries.ListLimit, newest.Count);
        Assert.Equal($"c{Conversations - 1:D5}", newest[0].Id);

        var open = Stopwatch.StartNew();
        var detail = await queries.GetAsync("c00042", CancellationToken.None);
        open.Stop();
        Assert.Equal(MessagesPerConversation, detail!.Timeline.Count);

        var search = Stopwatch.StartNew();
        var found = await queries.SearchAsync("answer 8 of 9999", CancellationToken.None);
        search.Stop();
        Assert.Single(found);

        await using var client = await server.ConnectAsync();
        await client.SendAsync(new Resume("token-7777", 0));
        var resumed = await client.ExpectAsync("resumed");
        Assert.Equal(MessagesPerConversation / 2, resumed.GetProperty("replayed").GetInt32());

        output.WriteLine(
            $"{Conversations:N0} conversations, {Conversations * MessagesPerConversation:N0} messages: seeded in {seeding.Elapsed.TotalSeconds:F1} s; " +
            $"restart (stop, start, migrate check) {restart.Elapsed.TotalMilliseconds:F0} ms; inbox list of {newest.Count} {list.Elapsed.TotalMilliseconds:F0} ms; " +
            $"one conversation {open.Elapsed.TotalMilliseconds:F0} ms; search {search.Elapsed.TotalMilliseconds:F0} ms");
    }
}
