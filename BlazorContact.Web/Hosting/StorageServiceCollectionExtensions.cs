using BlazorContact.Core.Storage;
using BlazorContact.Core.Storage.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Hosting;

/// <summary>Registers storage: its options, the conversation store, the owner credential and the key ring, all on one database.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The stores of <c>Storage:Provider</c> (SQLite by default, or PostgreSQL) on <c>ConnectionStrings:Contact</c>,
    /// migrated at start before anything reads them.
    /// </summary>
    public static IServiceCollection AddContactStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Configure(options => options.ConnectionString = configuration.GetConnectionString("Contact") ?? options.ConnectionString)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        // Configuration, not code, picks the provider; a value that is not a provider fails at start with the options' validation.
        if (Enum.TryParse<StorageProvider>(configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"], ignoreCase: true, out var provider)
            && provider == StorageProvider.Postgres)
        {
            services.AddSingleton<PostgresDatabase>();
            services.AddSingleton<PostgresConversationStore>();
            services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<PostgresConversationStore>());
            services.AddSingleton<IOwnerCredentialStore, PostgresOwnerCredentialStore>();
            services.AddSingleton<IKeyRingStore, PostgresKeyRingStore>();
            services.AddSingleton<IOwnerApiTokenStore, PostgresOwnerApiTokenStore>();
        }
        else
        {
            services.AddSingleton<SqliteConversationStore>();
            services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<SqliteConversationStore>());
            services.AddSingleton<IOwnerCredentialStore, SqliteOwnerCredentialStore>();
            services.AddSingleton<IKeyRingStore, SqliteKeyRingStore>();
            services.AddSingleton<IOwnerApiTokenStore, SqliteOwnerApiTokenStore>();
        }

        // Registered before every other hosted service (Data Protection's among them), so the schema exists when they start.
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>
    /// Keeps the Data Protection key ring in the contact database (<see cref="IKeyRingStore"/>), or, when
    /// <c>DataProtection:KeysPath</c> names a folder, in that folder (to share one key ring between servers
    /// with separate databases).
    /// </summary>
    public static IDataProtectionBuilder PersistKeysToContactStorage(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        if (configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            return builder.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new StoreXmlRepository(sp.GetRequiredService<IKeyRingStore>())));
        return builder;
    }
}
