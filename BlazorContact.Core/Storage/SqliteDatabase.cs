using Microsoft.Data.Sqlite;

namespace BlazorContact.Core.Storage;

/// <summary>
/// The one SQLite file behind the SQLite stores: its connection string (busy timeout applied), its
/// path, and which SQLite errors mean the storage rather than the request is at fault.
/// </summary>
internal sealed class SqliteDatabase
{
    public SqliteDatabase(StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        };
        ConnectionString = builder.ToString();
        FilePath = Path.GetFullPath(builder.DataSource);
        BusyTimeout = options.BusyTimeout;
    }

    public string ConnectionString { get; }

    /// <summary>The database file, as a full path.</summary>
    public string FilePath { get; }

    public TimeSpan BusyTimeout { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection whose commits are fsynced (<c>synchronous=FULL</c>), for writes outside the group-commit writer.</summary>
    public SqliteConnection OpenDurable()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes this file's idle pooled connections, so the file can be reopened or deleted by its next owner.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Busy, locked, read-only, I/O error, corrupt, full, can't open: the storage is down, not the request.</summary>
    public static bool IsUnavailable(SqliteException exception) =>
        exception.SqliteErrorCode is 5 or 6 or 8 or 10 or 11 or 13 or 14;

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
