using BlazorContact.Core.Backplane;
using BlazorContact.Core.Events;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Backplane;

/// <summary>One instance's backplane parts (fan-out, event bus) over a real Redis and a shared store, started and ready.</summary>
public sealed class BackplaneNode : IAsyncDisposable
{
    private BackplaneNode(RedisBackplane backplane, InProcessConversationFanout local, IConversationStore store)
    {
        Backplane = backplane;
        Local = local;
        Fanout = new RedisConversationFanout(local, backplane, store);
        Bus = new RedisContactEventBus(backplane, NullLogger<InProcessContactEventBus>.Instance);
    }

    public RedisBackplane Backplane { get; }

    public InProcessConversationFanout Local { get; }

    public RedisConversationFanout Fanout { get; }

    public RedisContactEventBus Bus { get; }

    /// <summary>Short intervals, so a test sees presence and repairs in a second or two; a prefix of its own per test.</summary>
    public static RedisOptions Options(string configuration, string prefix) => new()
    {
        Configuration = configuration,
        ChannelPrefix = prefix,
        ProbeInterval = TimeSpan.FromMilliseconds(250),
        ProbeTimeout = TimeSpan.FromSeconds(1.5),
        ReconcileInterval = TimeSpan.FromHours(1),
        PresenceInterval = TimeSpan.FromMilliseconds(500),
        PresenceTtl = TimeSpan.FromSeconds(2),
    };

    public static async Task<BackplaneNode> StartAsync(RedisOptions options, IConversationStore store)
    {
        var backplane = new RedisBackplane(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<RedisBackplane>.Instance);
        var local = new InProcessConversationFanout(store, TimeProvider.System, NullLogger<InProcessConversationFanout>.Instance);
        var node = new BackplaneNode(backplane, local, store);
        await backplane.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(async () => (await backplane.CheckAsync(CancellationToken.None)).Ready, "the backplane to be ready");
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await Backplane.StopAsync(CancellationToken.None);
        Backplane.Dispose();
        Local.Dispose();
    }
}
