using Microsoft.Data.Sqlite;

namespace BlazorContact.Core.Storage;

/// <summary>
/// The single connection all SQLite writes go through, as <see cref="GroupCommitWriter{TTransaction}"/>'s
/// database. One writer is what keeps ids in commit order (the resume-cursor guarantee of
/// <see cref="IConversationStore"/>); statements are prepared once and reused across batches.
/// </summary>
internal sealed class SqliteWriterConnection : IGroupCommitDatabase<SqliteTransaction>, IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteWriterConnection(SqliteDatabase database)
    {
        Connection = new SqliteConnection(database.ConnectionString);
        try
        {
            Connection.Open();
            SqliteDatabase.Execute(Connection, "PRAGMA journal_mode=WAL;");
            // FULL: the WAL is fsynced at every commit, so an acknowledged message survives a power cut.
            SqliteDatabase.Execute(Connection,
                $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={(int)database.BusyTimeout.TotalMilliseconds};");
        }
        catch
        {
            Connection.Dispose();
            throw;
        }
    }

    public SqliteConnection Connection { get; }

    // Not deferred: BEGIN IMMEDIATE takes the write lock up front, so a busy file fails the batch before any work.
    public ValueTask<SqliteTransaction> BeginAsync() => ValueTask.FromResult(Connection.BeginTransaction(deferred: false));

    public ValueTask CommitAsync(SqliteTransaction transaction)
    {
        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackAsync(SqliteTransaction transaction)
    {
        transaction.Rollback();
        return ValueTask.CompletedTask;
    }

    public bool IsUnavailable(Exception exception) => exception is SqliteException sqlite && SqliteDatabase.IsUnavailable(sqlite);

    /// <summary>Runs a statement inside <paramref name="transaction"/>, reusing its prepared command.</summary>
    public object? Scalar(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands[sql] = command;
        }

        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}
