using BlazorContact.Core.Fanout;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorContact.Tests.Fanout;

public sealed class InProcessConversationFanoutTests : ConversationFanoutSpec
{
    protected override Task<(IConversationFanout Fanout, IVisitorPresence Presence)> CreateAsync()
    {
        var fanout = new InProcessConversationFanout(NullStore.Instance, TimeProvider.System, NullLogger<InProcessConversationFanout>.Instance);
        return Task.FromResult<(IConversationFanout, IVisitorPresence)>((fanout, fanout));
    }
}
