using BlazorContact.Core.Storage;

namespace BlazorContact.Web.Hosting;

/// <summary>Creates or migrates the database before the server accepts its first connection.</summary>
internal sealed class StorageInitializer(IConversationStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
