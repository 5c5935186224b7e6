using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Integration;

/// <summary>One server for the tests that need no special settings.</summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    public ContactServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ContactServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
