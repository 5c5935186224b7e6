using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Storage;

/// <summary>What only the SQLite provider has: a file another process can lock, its migrations, the old key folder.</summary>
public sealed class SqliteStorageTests : IAsyncLifetime
{
    private readonly string _folder = TestFolder.Create();

    private string DatabasePath => Path.Combine(_folder, "contact.db");

    private string KeyFolder => Path.Combine(_folder, "keys");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TestFolder.Delete(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Writes_to_a_file_locked_by_another_process_fail_as_unavailable_and_store_nothing()
    {
        await using var store = await OpenAsync(new StorageOptions { BusyTimeout = TimeSpan.FromMilliseconds(300) });
        await store.AppendVisitorMessageAsync(Message("before"), CancellationToken.None);

        using (var blocker = OpenFile())
        {
            Execute(blocker, "BEGIN IMMEDIATE");
            var writes = Enumerable.Range(0, 20).Select(i => store.AppendVisitorMessageAsync(Message($"blocked {i}"), CancellationToken.None)).ToArray();
            foreach (var write in writes)
            {
                await Assert.ThrowsAsync<StorageUnavailableException>(() => write);
            }

            Execute(blocker, "ROLLBACK");
        }

        await store.AppendVisitorMessageAsync(Message("after"), CancellationToken.None);
        Assert.Equal(["before", "after"], (await store.GetMessagesAsync("c1", CancellationToken.None)).Select(m => m.Text));
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_surfaces_as_storage_unavailable()
    {
        var missing = Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "no-such-folder", "x.db")};Mode=ReadOnly" });

        await Assert.ThrowsAsync<StorageUnavailableException>(() => new SqliteOwnerCredentialStore(missing).GetPasswordHashAsync(CancellationToken.None));
        Assert.Throws<StorageUnavailableException>(() => new SqliteKeyRingStore(missing).GetAll());
    }

    [Fact]
    public async Task Migrating_an_existing_database_copies_the_old_key_folder_into_the_key_ring_once()
    {
        await CreateVersion3DatabaseAsync();
        Directory.CreateDirectory(KeyFolder);
        await File.WriteAllTextAsync(Path.Combine(KeyFolder, "key-b.xml"), "<key id=\"b\" />");
        await File.WriteAllTextAsync(Path.Combine(KeyFolder, "key-a.xml"), "<key id=\"a\" />");
        await File.WriteAllTextAsync(Path.Combine(KeyFolder, "notes.txt"), "not a key");

        await (await OpenAsync(new StorageOptions())).DisposeAsync();
        await File.WriteAllTextAsync(Path.Combine(KeyFolder, "key-c.xml"), "<key id=\"c\" />");
        await (await OpenAsync(new StorageOptions())).DisposeAsync();

        Assert.Equal(
            [new KeyRingElement("key-a", "<key id=\"a\" />"), new KeyRingElement("key-b", "<key id=\"b\" />")],
            new SqliteKeyRingStore(Options.Create(WithFile(new StorageOptions()))).GetAll());
        Assert.True(File.Exists(Path.Combine(KeyFolder, "key-a.xml")), "the old files stay, for a downgrade");
    }

    [Fact]
    public async Task Migrating_a_version_4_database_links_new_replies_to_the_replies_already_stored()
    {
        var store = await OpenAsync(new StorageOptions());
        var origin = new ConversationOrigin("c1", "token-c1", null, null, null);
        await store.AppendVisitorMessageAsync(new NewVisitorMessage(origin, "hi", "2025-03-01T08:00:00Z", null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        var old = await store.AppendReplyAsync(new NewReply("c1", "owner", "hello", null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        await store.AppendVisitorMessageAsync(new NewVisitorMessage(origin, "thanks", "2025-03-01T08:00:00Z", null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        await store.DisposeAsync();
        using (var connection = OpenFile())
        {
            Execute(connection, "DROP TABLE owner_api_tokens; ALTER TABLE conversations DROP COLUMN last_reply_id; PRAGMA user_version = 4;");
        }

        store = await OpenAsync(new StorageOptions());
        var next = await store.AppendReplyAsync(new NewReply("c1", "assistant", "more", null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        await store.DisposeAsync();
        Assert.Equal(old.Id, next.PreviousReplyId);
    }

    [Fact]
    public async Task Migrating_a_version_6_database_hashes_its_session_tokens_and_they_still_resume()
    {
        var store = await OpenAsync(new StorageOptions());
        var origin = new ConversationOrigin("c1", "raw-token-c1", null, null, null);
        await store.AppendVisitorMessageAsync(new NewVisitorMessage(origin, "hi", "2025-03-01T08:00:00Z", null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        await store.DisposeAsync();
        using (var connection = OpenFile())
        {
            // As a version 6 server wrote it: the token as given.
            Execute(connection, "UPDATE conversations SET session_token = 'raw-token-c1'; PRAGMA user_version = 6;");
        }

        store = await OpenAsync(new StorageOptions());
        var found = await store.FindBySessionTokenAsync("raw-token-c1", CancellationToken.None);
        await store.DisposeAsync();
        Assert.Equal("c1", found?.Id);
        using var check = OpenFile();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT session_token FROM conversations";
        Assert.Equal(SessionTokenHash.Of("raw-token-c1"), command.ExecuteScalar());
    }

    [Fact]
    public async Task A_database_newer_than_the_server_refuses_to_start()
    {
        await (await OpenAsync(new StorageOptions())).DisposeAsync();
        using (var connection = OpenFile())
        {
            Execute(connection, "PRAGMA user_version = 99");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(new StorageOptions()));
        Assert.Contains("newer than this server's", error.Message);
    }

    /// <summary>A database as the server before the key ring moved wrote it: schema version 3, no key_ring table.</summary>
    private async Task CreateVersion3DatabaseAsync()
    {
        await (await OpenAsync(new StorageOptions())).DisposeAsync();
        using var connection = OpenFile();
        Execute(connection, "DROP TABLE owner_api_tokens; DROP TABLE key_ring; ALTER TABLE conversations DROP COLUMN last_reply_id; PRAGMA user_version = 3;");
    }

    private async Task<SqliteConversationStore> OpenAsync(StorageOptions options)
    {
        var store = new SqliteConversationStore(Options.Create(WithFile(options)), NullLogger<SqliteConversationStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    private StorageOptions WithFile(StorageOptions options)
    {
        options.ConnectionString = $"Data Source={DatabasePath}";
        return options;
    }

    private SqliteConnection OpenFile()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static NewVisitorMessage Message(string text) =>
        new(new ConversationOrigin("c1", "token-c1", null, null, null), text, "2025-03-01T08:00:00Z", null, DateTimeOffset.UnixEpoch);
}
