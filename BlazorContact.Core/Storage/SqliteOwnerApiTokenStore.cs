using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Storage;

/// <summary>
/// The owner's API tokens in the <c>owner_api_tokens</c> table of the same SQLite file as the conversations.
/// Created and revoked by hand and read once per API request, so, like <see cref="SqliteOwnerCredentialStore"/>,
/// it uses its own short connections rather than the conversation store's batched writer; the table is created
/// by <see cref="SqliteConversationStore.InitializeAsync"/> at start-up (migration 6).
/// </summary>
public sealed class SqliteOwnerApiTokenStore(IOptions<StorageOptions> options) : IOwnerApiTokenStore
{
    private const string Columns = "id, name, prefix, secret_hash, created_at, last_used_at, revoked_at";

    private readonly SqliteDatabase _database = new(options.Value);

    public async Task<StoredOwnerApiToken> CreateAsync(NewOwnerApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(token.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(token.Prefix);
        if (token.SecretHash.Length != 32)
        {
            throw new ArgumentException("The secret hash must be a SHA-256 (32 bytes).", nameof(token));
        }

        try
        {
            // synchronous=FULL: a token the page showed as created survives a power cut.
            await using var connection = _database.OpenDurable();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO owner_api_tokens (name, prefix, secret_hash, created_at) VALUES ($n, $p, $h, $at) RETURNING id";
            insert.Parameters.AddWithValue("$n", token.Name);
            insert.Parameters.AddWithValue("$p", token.Prefix);
            insert.Parameters.Add("$h", SqliteType.Blob).Value = token.SecretHash.ToArray();
            insert.Parameters.AddWithValue("$at", Format(token.CreatedAt));
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return new StoredOwnerApiToken(id, token.Name, token.Prefix, token.SecretHash.ToArray(), Parse(Format(token.CreatedAt)), null, null);
        }
        catch (SqliteException ex) when (SqliteDatabase.IsUnavailable(ex))
        {
            throw new StorageUnavailableException("The API token could not be stored.", ex);
        }
    }

    public async Task<IReadOnlyList<StoredOwnerApiToken>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM owner_api_tokens ORDER BY id DESC";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var tokens = new List<StoredOwnerApiToken>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tokens.Add(Read(reader));
            }

            return tokens;
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException("The API tokens could not be read.", ex);
        }
    }

    public async Task<bool> RevokeAsync(long id, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        try
        {
            // Fsynced: a revocation the owner saw confirmed must not come undone after a power cut.
            await using var connection = _database.OpenDurable();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE owner_api_tokens SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
            update.Parameters.AddWithValue("$at", Format(revokedAt));
            update.Parameters.AddWithValue("$id", id);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException("The API token could not be revoked.", ex);
        }
    }

    public async Task<StoredOwnerApiToken?> FindByHashAsync(ReadOnlyMemory<byte> secretHash, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM owner_api_tokens WHERE secret_hash = $h";
            command.Parameters.Add("$h", SqliteType.Blob).Value = secretHash.ToArray();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException("The API token could not be read.", ex);
        }
    }

    public async Task RecordUseAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var update = connection.CreateCommand();
            // ISO-8601 UTC strings of one format sort as their times do.
            update.CommandText = "UPDATE owner_api_tokens SET last_used_at = $at WHERE id = $id AND (last_used_at IS NULL OR last_used_at < $at)";
            update.Parameters.AddWithValue("$at", Format(usedAt));
            update.Parameters.AddWithValue("$id", id);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException("The API token's last use could not be stored.", ex);
        }
    }

    private static StoredOwnerApiToken Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3), Parse(reader.GetString(4)),
        reader.IsDBNull(5) ? null : Parse(reader.GetString(5)), reader.IsDBNull(6) ? null : Parse(reader.GetString(6)));

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
