using BlazorContact.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Auth;

public sealed class SqliteOwnerCredentialStoreTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "blazorcontact-tests", Guid.NewGuid().ToString("N"));
    private IOptions<StorageOptions> _options = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _options = Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "contact.db")}" });
        // The conversation store migrates the schema at start-up, as the server does.
        await using var conversations = new SqliteConversationStore(_options, NullLogger<SqliteConversationStore>.Instance);
        await conversations.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_new_database_has_no_password_hash()
    {
        Assert.Null(await new SqliteOwnerCredentialStore(_options).GetPasswordHashAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_first_hash_is_stored_and_read_back_by_another_instance()
    {
        Assert.True(await new SqliteOwnerCredentialStore(_options).TryCreatePasswordHashAsync("first", DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal("first", await new SqliteOwnerCredentialStore(_options).GetPasswordHashAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_hash_is_refused_and_the_first_stays()
    {
        var store = new SqliteOwnerCredentialStore(_options);
        await store.TryCreatePasswordHashAsync("first", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.False(await store.TryCreatePasswordHashAsync("second", DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Equal("first", await store.GetPasswordHashAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_surfaces_as_storage_unavailable()
    {
        var missing = Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "no-such-folder", "x.db")};Mode=ReadOnly" });

        await Assert.ThrowsAsync<StorageUnavailableException>(() => new SqliteOwnerCredentialStore(missing).GetPasswordHashAsync(CancellationToken.None));
    }
}
