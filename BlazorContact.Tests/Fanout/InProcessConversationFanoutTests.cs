using BlazorContact.Core.Fanout;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorContact.Tests.Fanout;

public sealed class InProcessConversationFanoutTests : ConversationFanoutSpec
{
    private SqliteTestStore? _store;
    private InProcessConversationFanout? _fanout;

    public override async Task DisposeAsync()
    {
        _fanout?.Dispose();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected override async Task<(IConversationFanout Fanout, IVisitorPresence Presence)> CreateAsync()
    {
        _store = await SqliteTestStore.OpenAsync();
        _fanout = new InProcessConversationFanout(_store.Store, TimeProvider.System, NullLogger<InProcessConversationFanout>.Instance);
        return (_fanout, _fanout);
    }
}
