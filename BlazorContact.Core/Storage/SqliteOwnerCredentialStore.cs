using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Storage;

/// <summary>
/// The owner credential in the <c>owner</c> table of the same SQLite file as the conversations
/// (one row at most; its primary key makes the first hash win). It is read at sign-in and written once,
/// at setup, so it uses its own short connections rather than the conversation store's batched writer;
/// the schema is migrated by <see cref="SqliteConversationStore.InitializeAsync"/> at start-up.
/// </summary>
public sealed class SqliteOwnerCredentialStore(IOptions<StorageOptions> options) : IOwnerCredentialStore
{
    private readonly SqliteDatabase _database = new(options.Value);

    public async Task<string?> GetPasswordHashAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT password_hash FROM owner WHERE id = 1";
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException("The owner credential could not be read.", ex);
        }
    }

    public async Task<bool> TryCreatePasswordHashAsync(string passwordHash, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        try
        {
            // synchronous=FULL: the commit is fsynced, so a password the page accepted survives a power cut.
            await using var connection = _database.OpenDurable();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO owner (id, password_hash, created_at) VALUES (1, $hash, $at) ON CONFLICT(id) DO NOTHING RETURNING id";
            insert.Parameters.AddWithValue("$hash", passwordHash);
            insert.Parameters.AddWithValue("$at", createdAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            return await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException("The owner credential could not be stored.", ex);
        }
    }
}
