using System.Diagnostics;
using System.Text.Json;
using BlazorContact.Core.Events;
using BlazorContact.Core.Health;
using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Notifications;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Integration;

/// <summary>
/// Two real app instances on one SQLite file and one real <c>redis-server</c>: visitors on one, the owner on the
/// other, Redis killed and restarted, a subscription that goes silent. The reconciliation interval is an hour
/// unless a test says otherwise, so what arrives, arrives over Redis or by the resync after a repair.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class MultiInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(6);
    private readonly string _folder = TestFolder.Create();
    private readonly List<ContactServer> _servers = [];
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await _redis.DisposeAsync();
        TestFolder.Delete(_folder);
    }

    [Fact]
    public async Task An_owner_reply_sent_on_one_instance_reaches_a_visitor_on_the_other_live()
    {
        var a = await StartInstanceAsync();
        var b = await StartInstanceAsync();
        await using var visitor = await a.ConnectAsync();
        await visitor.ChatAsync("hello from A");

        var watch = Stopwatch.StartNew();
        var sent = await b.Desk.ReplyAsync(visitor.ConversationId, "the owner, on B", CancellationToken.None);
        var reply = await visitor.ExpectAsync("chat_message");
        watch.Stop();

        Assert.Equal(("owner", sent.Id, "the owner, on B"), (reply.GetProperty("sender").GetString(), reply.GetProperty("message_id").GetInt64(), reply.GetProperty("message").GetString()));
        output.WriteLine($"cross-instance owner reply: {watch.Elapsed.TotalMilliseconds:0.0} ms from ReplyAsync to the visitor's socket");
    }

    [Fact]
    public async Task An_announcement_from_one_instance_reaches_visitors_on_every_instance()
    {
        var a = await StartInstanceAsync();
        var b = await StartInstanceAsync();
        await using var onA = await a.ConnectAsync();
        await using var onB = await b.ConnectAsync();

        Assert.Equal(1, b.Desk.Announce("back in five minutes"));

        Assert.Equal("back in five minutes", (await onA.ExpectAsync("announcement")).GetProperty("message").GetString());
        Assert.Equal("back in five minutes", (await onB.ExpectAsync("announcement")).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Presence_on_one_instance_sees_the_other_instance_s_visitors_and_loses_them_when_it_stops()
    {
        var a = await StartInstanceAsync();
        var b = await StartInstanceAsync();
        var visitor = await a.ConnectAsync();

        await Eventually.UntilAsync(() => b.Presence.IsOnline(visitor.ConversationId) && b.Presence.OnlineCount == 1, "B to see A's visitor online");

        // The visitor leaves first, or stopping A waits out the host's shutdown timeout for the open socket.
        await visitor.DisposeAsync();
        await a.StopAsync();

        await Eventually.UntilAsync(() => !b.Presence.IsOnline(visitor.ConversationId) && b.Presence.OnlineCount == 0, "A's visitor to go offline on B");
    }

    [Fact]
    public async Task With_Redis_down_each_instance_serves_its_own_visitors_and_when_it_is_back_nothing_is_lost()
    {
        var a = await StartInstanceAsync();
        var b = await StartInstanceAsync();
        await using var visitor = await a.ConnectAsync();
        await visitor.ChatAsync("before the outage");

        await _redis.StopAsync();
        var watch = Stopwatch.StartNew();
        await Eventually.UntilAsync(async () => !await ReadyAsync(a) && !await ReadyAsync(b), "both instances to say not ready", Detection);
        output.WriteLine($"Redis killed: not ready after {watch.Elapsed.TotalMilliseconds:0} ms");

        // A keeps serving its visitor: stored, acknowledged, answered.
        var (ack, answer) = await visitor.ChatAsync("during the outage");
        Assert.True(ack.GetProperty("message_id").GetInt64() > 0);
        Assert.Equal("assistant", answer.GetProperty("sender").GetString());
        // The owner answers on B meanwhile: committed, and its announcement cannot reach A.
        var missed = await b.Desk.ReplyAsync(visitor.ConversationId, "sent on B while Redis was down", CancellationToken.None);

        await _redis.StartAgainAsync();
        watch.Restart();
        await Eventually.UntilAsync(async () => await ReadyAsync(a) && await ReadyAsync(b), "both instances to be ready again", TimeSpan.FromSeconds(15));
        output.WriteLine($"Redis back: ready after {watch.Elapsed.TotalMilliseconds:0} ms");

        var late = await visitor.ExpectAsync("chat_message", TimeSpan.FromSeconds(15));
        Assert.Equal(missed.Id, late.GetProperty("message_id").GetInt64());
        output.WriteLine($"outage reply delivered {watch.Elapsed.TotalMilliseconds:0} ms after Redis came back");

        // And delivery across instances works again by itself.
        var after = await b.Desk.ReplyAsync(visitor.ConversationId, "after the outage", CancellationToken.None);
        Assert.Equal(after.Id, (await visitor.ExpectAsync("chat_message")).GetProperty("message_id").GetInt64());
    }

    [Fact]
    public async Task A_subscription_that_goes_silent_while_connected_is_detected_and_repaired()
    {
        await using var proxy = new StallingTcpProxy(_redis.Port);
        var a = await StartInstanceAsync(proxy.Configuration);
        var b = await StartInstanceAsync();
        await using var visitor = await a.ConnectAsync();
        await visitor.ChatAsync("hello");
        var connectionsBefore = proxy.Connections;

        proxy.StallExisting();
        var watch = Stopwatch.StartNew();
        var sent = await b.Desk.ReplyAsync(visitor.ConversationId, "sent while A's subscription is silent", CancellationToken.None);

        await Eventually.UntilAsync(async () => !await ReadyAsync(a), "A to notice its subscription is silent", Detection);
        output.WriteLine($"silent subscription: not ready after {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(await ReadyAsync(b), "B's subscription still works");

        var repaired = await visitor.ExpectAsync("chat_message", TimeSpan.FromSeconds(15));
        Assert.Equal(sent.Id, repaired.GetProperty("message_id").GetInt64());
        output.WriteLine($"silent subscription: reply delivered after {watch.Elapsed.TotalMilliseconds:0} ms");
        await Eventually.UntilAsync(() => ReadyAsync(a), "A to be ready again");
        Assert.True(proxy.Connections > connectionsBefore, "A connected again");

        var after = await b.Desk.ReplyAsync(visitor.ConversationId, "after the repair", CancellationToken.None);
        Assert.Equal(after.Id, (await visitor.ExpectAsync("chat_message")).GetProperty("message_id").GetInt64());
    }

    [Fact]
    public async Task The_owner_is_notified_once_per_event_with_two_instances()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = WebhookNotificationTests.WebhookSettings(receiver.Url);
        var a = await StartInstanceAsync(extra: webhook);
        var b = await StartInstanceAsync(extra: webhook);
        var seenOnB = new List<ContactEvent>();
        using var inbox = b.Services.GetRequiredService<IContactEventBus>().Subscribe(e => { lock (seenOnB) { seenOnB.Add(e); } });
        await using var onA = await a.ConnectAsync();
        await using var onB = await b.ConnectAsync();

        await onA.SendAsync(new ContactRequest("first, on A", "2025-01-01T12:00:00", "test"));
        await onA.ExpectAsync("contact_request_received");
        Assert.Equal("first, on A", Text(await receiver.NextAsync()));
        // B's inbox got A's request too; had B's notifier taken it, B would send it before B's own below.
        await Eventually.UntilAsync(() => { lock (seenOnB) { return seenOnB.OfType<OwnerAttentionNeeded>().Any(); } }, "B's inbox to hear of A's request");
        await onB.SendAsync(new ContactRequest("second, on B", "2025-01-01T12:00:00", "test"));
        await onB.ExpectAsync("contact_request_received");

        Assert.Equal("second, on B", Text(await receiver.NextAsync()));
        Assert.Equal(2, receiver.Count);
    }

    private static string? Text(ReceivedWebhook hook) => hook.Json.GetProperty("text").GetString();

    private static async Task<bool> ReadyAsync(ContactServer server) =>
        (await server.Services.GetServices<IReadinessCheck>().Single(c => c.Name == "backplane").CheckAsync(CancellationToken.None)).Ready;

    private async Task<ContactServer> StartInstanceAsync(string? redis = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Contact"] = $"Data Source={Path.Combine(_folder, "shared.db")}",
            ["Redis:Configuration"] = redis ?? _redis.Configuration,
            ["Redis:ProbeInterval"] = "00:00:00.250",
            ["Redis:ProbeTimeout"] = "00:00:01.500",
            ["Redis:ReconcileInterval"] = "01:00:00",
            ["Redis:PresenceInterval"] = "00:00:00.500",
            ["Redis:PresenceTtl"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var server = await ContactServer.StartAsync(settings);
        _servers.Add(server);
        await Eventually.UntilAsync(() => ReadyAsync(server), "the new instance's backplane to be ready");
        return server;
    }
}
