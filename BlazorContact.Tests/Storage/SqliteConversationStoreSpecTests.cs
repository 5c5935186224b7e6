using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Storage;

/// <summary>The storage spec on the SQLite stores, over a real SQLite file in a temporary folder.</summary>
public sealed class SqliteConversationStoreSpecTests : ConversationStoreSpec
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "blazorcontact-tests", Guid.NewGuid().ToString("N"));

    protected override Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override async Task<StorageUnderTest> OpenAsync()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "contact.db")}" });
        var conversations = new SqliteConversationStore(options, NullLogger<SqliteConversationStore>.Instance);
        await conversations.InitializeAsync(CancellationToken.None);
        return new StorageUnderTest(conversations, new SqliteOwnerCredentialStore(options), new SqliteKeyRingStore(options), conversations.DisposeAsync);
    }

    protected override Task DeleteDatabaseAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
