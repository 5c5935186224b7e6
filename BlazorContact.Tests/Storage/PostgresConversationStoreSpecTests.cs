using BlazorContact.Core.Storage;
using BlazorContact.Core.Storage.Postgres;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Storage;

/// <summary>The storage spec on the PostgreSQL stores, each test on a fresh database of the run's real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConversationStoreSpecTests(PostgresServer server) : ConversationStoreSpec
{
    private string _connectionString = "";

    protected override async Task CreateDatabaseAsync() => _connectionString = await server.CreateDatabaseAsync();

    protected override Task<StorageUnderTest> OpenAsync() => PostgresStores.OpenAsync(_connectionString);

    protected override Task DeleteDatabaseAsync() => server.DropDatabaseAsync(_connectionString);
}

/// <summary>The PostgreSQL stores of one instance (one data source) on a database, opened as the server opens them.</summary>
internal static class PostgresStores
{
    public static async Task<StorageUnderTest> OpenAsync(string connectionString, ILogger<PostgresConversationStore>? logger = null)
    {
        var options = Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString });
        var database = new PostgresDatabase(options);
        var conversations = new PostgresConversationStore(database, options, logger ?? NullLogger<PostgresConversationStore>.Instance);
        try
        {
            await conversations.InitializeAsync(CancellationToken.None);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return new StorageUnderTest(
            conversations, new PostgresOwnerCredentialStore(database), new PostgresKeyRingStore(database), new PostgresOwnerApiTokenStore(database),
            async () =>
            {
                await conversations.DisposeAsync();
                await database.DisposeAsync();
            });
    }
}
