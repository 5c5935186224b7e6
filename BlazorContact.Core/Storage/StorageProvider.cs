namespace BlazorContact.Core.Storage;

/// <summary>Which database holds conversations, the owner credential and the key ring (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file on this machine: one server, nothing to install. The default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several servers can share.</summary>
    Postgres,
}
