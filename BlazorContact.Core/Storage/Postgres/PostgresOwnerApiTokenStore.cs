using Npgsql;

namespace BlazorContact.Core.Storage.Postgres;

/// <summary>
/// The owner's API tokens in the <c>owner_api_tokens</c> table of the PostgreSQL database (migration 2), shared by
/// every instance: a token created or revoked on one is honoured or refused by all. Rare writes and one read per
/// API request, so it uses pooled connections rather than the conversation store's batched writer; commits wait for
/// the WAL flush (<c>synchronous_commit=on</c>, set by <see cref="PostgresDatabase"/>).
/// </summary>
public sealed class PostgresOwnerApiTokenStore(PostgresDatabase database) : IOwnerApiTokenStore
{
    private const string Columns = "id, name, prefix, secret_hash, created_at, last_used_at, revoked_at";

    public async Task<StoredOwnerApiToken> CreateAsync(NewOwnerApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(token.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(token.Prefix);
        if (token.SecretHash.Length != 32)
        {
            throw new ArgumentException("The secret hash must be a SHA-256 (32 bytes).", nameof(token));
        }

        // Not retried: an insert whose answer was lost may have committed, and a second one would break the unique hash.
        return await WriteAsync(async connection =>
        {
            await using var insert = Command(
                connection, "INSERT INTO owner_api_tokens (name, prefix, secret_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING " + Columns,
                token.Name, token.Prefix, token.SecretHash.ToArray(), token.CreatedAt.ToUniversalTime());
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return Read(reader);
        }, "The API token could not be stored.", cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StoredOwnerApiToken>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<StoredOwnerApiToken>>(async connection =>
        {
            await using var command = Command(connection, $"SELECT {Columns} FROM owner_api_tokens ORDER BY id DESC");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var tokens = new List<StoredOwnerApiToken>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tokens.Add(Read(reader));
            }

            return tokens;
        }, cancellationToken);

    public Task<bool> RevokeAsync(long id, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        WriteAsync(async connection =>
        {
            await using var update = Command(
                connection, "UPDATE owner_api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", revokedAt.ToUniversalTime(), id);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, "The API token could not be revoked.", cancellationToken);

    public Task<StoredOwnerApiToken?> FindByHashAsync(ReadOnlyMemory<byte> secretHash, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            await using var command = Command(connection, $"SELECT {Columns} FROM owner_api_tokens WHERE secret_hash = $1", secretHash.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);

    public Task RecordUseAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        WriteAsync(async connection =>
        {
            await using var update = Command(
                connection, "UPDATE owner_api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)",
                usedAt.ToUniversalTime(), id);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, "The API token's last use could not be stored.", cancellationToken);

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, Task<T>> write, string failure, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await write(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (PostgresDatabase.IsUnavailable(ex))
        {
            throw new StorageUnavailableException(failure, ex);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static StoredOwnerApiToken Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<DateTimeOffset>(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
}
