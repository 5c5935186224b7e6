using BlazorContact.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorContact.Tests.Events;

public sealed class InProcessContactEventBusTests : ContactEventBusSpec
{
    protected override Task<IContactEventBus> CreateBusAsync() =>
        Task.FromResult<IContactEventBus>(new InProcessContactEventBus(NullLogger<InProcessContactEventBus>.Instance));
}
