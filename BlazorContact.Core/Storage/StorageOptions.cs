namespace BlazorContact.Core.Storage;

/// <summary>Settings of the store: <c>Storage:*</c>, and the connection string from <c>ConnectionStrings:Contact</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The database behind the stores: SQLite (the default) or PostgreSQL.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The provider's connection string: for SQLite its <c>Data Source</c> is the database file; for PostgreSQL
    /// an Npgsql connection string (<c>Host=…;Database=…;Username=…</c>), which has no default.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/contact.db";

    /// <summary>Most writes committed in one transaction; 1 turns grouping off (for benchmarks).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How long a write waits for a lock held by another process before failing as unavailable (SQLite's busy
    /// timeout; PostgreSQL's <c>lock_timeout</c> and connect timeout).
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
