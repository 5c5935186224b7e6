using Npgsql;

namespace BlazorContact.Core.Storage.Postgres;

/// <summary>
/// The owner credential in the <c>owner</c> table of the PostgreSQL database (one row at most; its primary key
/// makes the first hash win, across instances too). Read at sign-in and written once, at setup, so it uses
/// pooled connections rather than the conversation store's batched writer.
/// </summary>
public sealed class PostgresOwnerCredentialStore(PostgresDatabase database) : IOwnerCredentialStore
{
    public Task<string?> GetPasswordHashAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT password_hash FROM owner WHERE id = 1", connection);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken);

    public async Task<bool> TryCreatePasswordHashAsync(string passwordHash, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        try
        {
            // Not retried on failure: a commit whose answer was lost may have stored this very hash, and a retry would say "taken".
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO owner (id, password_hash, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING RETURNING id", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = passwordHash });
            insert.Parameters.Add(new NpgsqlParameter { Value = createdAt.ToUniversalTime() });
            return await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (Exception ex) when (PostgresDatabase.IsUnavailable(ex))
        {
            throw new StorageUnavailableException("The owner credential could not be stored.", ex);
        }
    }
}
