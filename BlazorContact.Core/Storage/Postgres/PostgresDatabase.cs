using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BlazorContact.Core.Storage.Postgres;

/// <summary>
/// The one PostgreSQL database behind the PostgreSQL stores of this instance: a pooled data source on
/// <c>ConnectionStrings:Contact</c> (shared by the conversation, owner credential and key ring stores), and
/// which errors mean the database rather than the request is at fault.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        var connection = builder.ConnectionStringBuilder;
        var busySeconds = Math.Max(1, (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds));
        connection.Timeout = busySeconds;
        // The same statements run for every write: let Npgsql prepare them on each connection.
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 32;
        }

        // Acknowledged means durable whatever the server's defaults: every commit waits for its WAL flush. A lock
        // another instance holds longer than the busy timeout fails the batch as unavailable instead of hanging.
        var lockTimeout = ((long)settings.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        connection.Options = $"{connection.Options} -c synchronous_commit=on -c lock_timeout={lockTimeout}".Trim();
        connection.ApplicationName ??= "BlazorContact";
        Host = connection.Host ?? "";
        Name = connection.Database ?? connection.Username ?? "";
        _dataSource = builder.Build();
    }

    /// <summary>The server, as the connection string names it (for logs).</summary>
    public string Host { get; }

    /// <summary>The database name (for logs).</summary>
    public string Name { get; }

    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>
    /// True when <paramref name="exception"/> means the database could not do the work at all: it is gone or
    /// unreachable (a network or protocol error, shutting down, starting up), out of room or resources, read-only,
    /// or held by a lock for longer than the busy timeout. A deadlock or serialization failure (40P01, 40001) is
    /// not: it is a conflict of this transaction with another, and the same work run again alone succeeds.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => IsUnavailableState(postgres.SqlState),
        NpgsqlException => true, // no answer from the server: connection refused, broken, timed out
        TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };

    /// <summary>Class 08 connection, 53 resources (disk full, too many connections), 57 shutdown/cancel, 58 I/O, read-only, lock timeout.</summary>
    private static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57", StringComparison.Ordinal)
        || sqlState.StartsWith("58", StringComparison.Ordinal)
        || sqlState.StartsWith("XX", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.LockNotAvailable
            or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification;

    /// <summary>True for a conflict between concurrent transactions that running the work again resolves.</summary>
    public static bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    internal NpgsqlConnection Open() => _dataSource.OpenConnection();

    /// <summary>
    /// Runs a read, once more on a fresh connection when the first failed for want of the server: after a database
    /// restart the pool's idle connections are dead, and a read is safe to repeat. Failures become <see cref="StorageUnavailableException"/>.
    /// </summary>
    internal async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                return await read(connection).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt == 2)
                {
                    throw new StorageUnavailableException("The database could not be read.", ex);
                }

                _dataSource.Clear();
            }
        }
    }

    /// <summary>The synchronous <see cref="ReadAsync{T}"/>, for the key ring (Data Protection's repository is synchronous).</summary>
    internal T Read<T>(Func<NpgsqlConnection, T> read, string failure)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = Open();
                return read(connection);
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                if (attempt == 2)
                {
                    throw new StorageUnavailableException(failure, ex);
                }

                _dataSource.Clear();
            }
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
