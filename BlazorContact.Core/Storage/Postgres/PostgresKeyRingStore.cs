using Npgsql;

namespace BlazorContact.Core.Storage.Postgres;

/// <summary>
/// The Data Protection key ring in the <c>key_ring</c> table of the PostgreSQL database, so every instance on it
/// reads the same keys and accepts the owner's cookie whichever one set it. The table is created by
/// <see cref="PostgresConversationStore.InitializeAsync"/> at start-up.
/// </summary>
public sealed class PostgresKeyRingStore(PostgresDatabase database) : IKeyRingStore
{
    public IReadOnlyList<KeyRingElement> GetAll() =>
        database.Read(connection =>
        {
            using var command = new NpgsqlCommand("SELECT name, xml FROM key_ring ORDER BY id", connection);
            using var reader = command.ExecuteReader();
            var elements = new List<KeyRingElement>();
            while (reader.Read())
            {
                elements.Add(new KeyRingElement(reader.GetString(0), reader.GetString(1)));
            }

            return elements;
        }, "The key ring could not be read.");

    public void Store(string name, string xml)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(xml);
        // Safe to run twice (the first element of a name is kept), so a dead pooled connection is retried like a read.
        database.Read(connection =>
        {
            using var command = new NpgsqlCommand("INSERT INTO key_ring (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            command.Parameters.Add(new NpgsqlParameter { Value = xml });
            return command.ExecuteNonQuery();
        }, "The key ring could not be stored.");
    }
}
