using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Storage;

/// <summary>The storage spec on the SQLite stores, over a real SQLite file in a temporary folder.</summary>
public sealed class SqliteConversationStoreSpecTests : ConversationStoreSpec
{
    private string _folder = "";

    protected override Task CreateDatabaseAsync()
    {
        _folder = TestFolder.Create();
        return Task.CompletedTask;
    }

    protected override async Task<StorageUnderTest> OpenAsync()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "contact.db")}" });
        var conversations = new SqliteConversationStore(options, NullLogger<SqliteConversationStore>.Instance);
        await conversations.InitializeAsync(CancellationToken.None);
        return new StorageUnderTest(conversations, new SqliteOwnerCredentialStore(options), new SqliteKeyRingStore(options), new SqliteOwnerApiTokenStore(options), conversations.DisposeAsync);
    }

    protected override Task DeleteDatabaseAsync()
    {
        TestFolder.Delete(_folder);
        return Task.CompletedTask;
    }
}
