using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Storage;

/// <summary>
/// The key ring in the <c>key_ring</c> table of the SQLite file. Rare reads and writes, so it uses its
/// own short connections rather than the conversation store's batched writer; the table is created by
/// <see cref="SqliteConversationStore.InitializeAsync"/> at start-up (which also copies in the XML files
/// of the old <c>keys</c> folder beside the database, once).
/// </summary>
public sealed class SqliteKeyRingStore(IOptions<StorageOptions> options) : IKeyRingStore
{
    /// <summary>Insert that keeps the first element of a name (the migration's import uses it too).</summary>
    internal const string InsertSql = "INSERT INTO key_ring (name, xml) VALUES ($name, $xml) ON CONFLICT(name) DO NOTHING";

    private readonly SqliteDatabase _database = new(options.Value);

    public IReadOnlyList<KeyRingElement> GetAll()
    {
        try
        {
            using var connection = _database.OpenDurable();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, xml FROM key_ring ORDER BY id";
            using var reader = command.ExecuteReader();
            var elements = new List<KeyRingElement>();
            while (reader.Read())
            {
                elements.Add(new KeyRingElement(reader.GetString(0), reader.GetString(1)));
            }

            return elements;
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException("The key ring could not be read.", ex);
        }
    }

    public void Store(string name, string xml)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(xml);
        try
        {
            using var connection = _database.OpenDurable();
            using var command = connection.CreateCommand();
            command.CommandText = InsertSql;
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$xml", xml);
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException("The key ring could not be stored.", ex);
        }
    }
}
