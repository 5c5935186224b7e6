using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Support;

/// <summary>A real SQLite conversation store in a <see cref="TestFolder"/>, for tests of what reads and writes it.</summary>
public sealed class SqliteTestStore : IAsyncDisposable
{
    private readonly string _folder;
    private readonly SqliteConversationStore _store;

    private SqliteTestStore(string folder, SqliteConversationStore store)
    {
        _folder = folder;
        _store = store;
    }

    public IConversationStore Store => _store;

    public static async Task<SqliteTestStore> OpenAsync()
    {
        var folder = TestFolder.Create();
        var store = new SqliteConversationStore(
            Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "contact.db")}" }),
            NullLogger<SqliteConversationStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        return new SqliteTestStore(folder, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        TestFolder.Delete(_folder);
    }
}
