using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using BlazorContact.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Hosting;

/// <summary>Real ASP.NET Core Data Protection over the key ring in a real SQLite file.</summary>
public sealed class StoreXmlRepositoryTests : IAsyncLifetime
{
    private readonly string _folder = TestFolder.Create();
    private IOptions<StorageOptions> _options = null!;

    public Task InitializeAsync()
    {
        _options = Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "contact.db")}" });
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        TestFolder.Delete(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_key_made_through_the_store_unprotects_after_a_restart()
    {
        await MigrateAsync();
        var keyRing = new SqliteKeyRingStore(_options);
        var cookie = Protect(keyRing, "owner cookie");

        Assert.Equal("owner cookie", Unprotect(new SqliteKeyRingStore(_options), cookie));
        Assert.Single(keyRing.GetAll());
        Assert.False(Directory.Exists(Path.Combine(_folder, "keys")));
    }

    [Fact]
    public async Task A_cookie_protected_with_the_old_key_folder_still_unprotects_after_the_keys_move_into_the_database()
    {
        await MigrateAsync();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "contact.db")};Pooling=False"))
        {
            // The database as the previous version left it: schema 3, keys in the folder beside it.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE owner_api_tokens; DROP TABLE key_ring; ALTER TABLE conversations DROP COLUMN last_reply_id; PRAGMA user_version = 3;";
            command.ExecuteNonQuery();
        }

        var cookie = ProtectWith(dataProtection => dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(_folder, "keys"))), "owner cookie");
        await MigrateAsync();

        Assert.Equal("owner cookie", Unprotect(new SqliteKeyRingStore(_options), cookie));
    }

    [Fact]
    public void An_explicit_keys_path_keeps_the_key_ring_in_that_folder()
    {
        var keys = Path.Combine(_folder, "shared-keys");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys }).Build();

        ProtectWith(dataProtection => dataProtection.PersistKeysToContactStorage(configuration), "owner cookie");

        Assert.Single(Directory.GetFiles(keys, "*.xml"));
    }

    private async Task MigrateAsync()
    {
        await using var store = new SqliteConversationStore(_options, NullLogger<SqliteConversationStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
    }

    private static string Protect(IKeyRingStore keyRing, string text) => ProtectWith(InStore(keyRing), text);

    private static string Unprotect(IKeyRingStore keyRing, string protectedText)
    {
        using var services = DataProtection(InStore(keyRing));
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);
    }

    private static string ProtectWith(Action<IDataProtectionBuilder> persist, string text)
    {
        using var services = DataProtection(persist);
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(text);
    }

    private static Action<IDataProtectionBuilder> InStore(IKeyRingStore keyRing) => dataProtection =>
    {
        dataProtection.Services.AddSingleton(keyRing);
        dataProtection.PersistKeysToContactStorage(new ConfigurationBuilder().Build());
    };

    /// <summary>A fresh Data Protection stack (no keys cached), named as the server names it.</summary>
    private static ServiceProvider DataProtection(Action<IDataProtectionBuilder> persist)
    {
        var services = new ServiceCollection().AddLogging();
        persist(services.AddDataProtection().SetApplicationName("BlazorContact"));
        return services.BuildServiceProvider();
    }
}
