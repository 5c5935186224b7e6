using BlazorContact.Core.Fanout;
using BlazorContact.Tests.Backplane;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Fanout;

/// <summary>The fan-out spec on the Redis fan-out, one instance over a real <c>redis-server</c>.</summary>
public sealed class RedisConversationFanoutTests : ConversationFanoutSpec
{
    private RedisServer? _redis;
    private SqliteTestStore? _store;
    private BackplaneNode? _node;

    public override async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    protected override async Task<(IConversationFanout Fanout, IVisitorPresence Presence)> CreateAsync()
    {
        _redis = await RedisServer.StartAsync();
        _store = await SqliteTestStore.OpenAsync();
        _node = await BackplaneNode.StartAsync(BackplaneNode.Options(_redis.Configuration, "spec"), _store.Store);
        return (_node.Fanout, _node.Fanout);
    }
}
