using Npgsql;

namespace BlazorContact.Core.Storage.Postgres;

/// <summary>
/// The one connection this instance's writes go through, as <see cref="GroupCommitWriter{TTransaction}"/>'s
/// database. A connection lost with the server (a restart, a failover) is replaced at the next batch, so the
/// store recovers without being restarted.
/// </summary>
internal sealed class PostgresWriterConnection(PostgresDatabase database) : IGroupCommitDatabase<NpgsqlTransaction>, IAsyncDisposable
{
    /// <summary>Idle longer than this, the connection is probed before a batch runs on it (a restart may have dropped it).</summary>
    private const long ProbeAfterIdleMilliseconds = 1000;

    private NpgsqlConnection? _connection;
    private long _lastUsed;

    /// <summary>Raised when the connection had to be replaced (for the log).</summary>
    public event Action<Exception?>? Reconnecting;

    public async ValueTask<NpgsqlTransaction> BeginAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open)
        {
            try
            {
                var transaction = await open.BeginTransactionAsync().ConfigureAwait(false);
                if (Environment.TickCount64 - _lastUsed > ProbeAfterIdleMilliseconds)
                {
                    // Npgsql sends BEGIN with the first statement; after a pause, send it now, so a dead connection
                    // is found before any write runs and the batch continues on a new one instead of failing.
                    await using var probe = new NpgsqlCommand("SELECT 1", open, transaction);
                    await probe.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                _lastUsed = Environment.TickCount64;
                return transaction;
            }
            catch (Exception ex) when (PostgresDatabase.IsUnavailable(ex))
            {
                // Nothing was written yet: an idle connection the server dropped is replaced and the batch goes on.
                Reconnecting?.Invoke(ex);
            }
        }
        else if (_connection is not null)
        {
            Reconnecting?.Invoke(null);
        }

        await DropConnectionAsync().ConfigureAwait(false);
        database.DataSource.Clear();
        _connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        _lastUsed = Environment.TickCount64;
        return await _connection.BeginTransactionAsync().ConfigureAwait(false);
    }

    // CommitAsync returns once the server answered COMMIT, and with synchronous_commit=on it answers after the WAL flush.
    public ValueTask CommitAsync(NpgsqlTransaction transaction) => new(transaction.CommitAsync());

    public ValueTask RollbackAsync(NpgsqlTransaction transaction) => new(transaction.RollbackAsync());

    /// <summary>
    /// A deadlock (40P01) is not unavailability: the writer then commits the batch's writes one per transaction, and
    /// a transaction of one write locks one conversation row, so it cannot be part of a lock cycle.
    /// </summary>
    public bool IsUnavailable(Exception exception) => PostgresDatabase.IsUnavailable(exception);

    public ValueTask DisposeAsync() => DropConnectionAsync();

    private async ValueTask DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }
}
