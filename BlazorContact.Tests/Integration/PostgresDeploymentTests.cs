using System.Net;
using BlazorContact.Core.Storage;
using BlazorContact.Core.Storage.Postgres;
using BlazorContact.Tests.Auth;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlazorContact.Tests.Integration;

/// <summary>The real app with <c>Storage:Provider=Postgres</c>: configuration alone moves every store to PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDeploymentTests(PostgresServer server) : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public Task DisposeAsync() => server.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task A_chat_round_trip_is_stored_in_PostgreSQL_and_the_owner_stays_signed_in_across_a_restart_and_on_a_second_instance()
    {
        var settings = OwnerServerFixture.SettingsFor(OwnerServerFixture.Password);
        settings["Storage:Provider"] = "Postgres";
        settings["ConnectionStrings:Contact"] = _connectionString;
        await using var app = await ContactServer.StartAsync(settings);
        Assert.IsType<PostgresConversationStore>(app.Services.GetRequiredService<IConversationStore>());

        await using (var client = await app.ConnectAsync())
        {
            var (ack, reply) = await client.ChatAsync("how do I embed the chat widget?", "c-1");
            Assert.Equal("assistant", reply.GetProperty("sender").GetString());
            Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM messages WHERE conversation_id = $1", client.ConversationId));
            Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM messages WHERE id = $1 AND client_message_id = 'c-1'", ack.GetProperty("message_id").GetInt64()));
        }

        using var browser = new OwnerHttpClient(app.HttpUri);
        using (await browser.SignInAsync(OwnerServerFixture.Password))
        {
        }

        Assert.NotNull(browser.OwnerCookie);
        await app.RestartAsync();
        using (var afterRestart = new OwnerHttpClient(app.HttpUri, browser.Cookies))
        using (var response = await afterRestart.GetAsync("/api/owner/sessions"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // A second server on the same database reads the same key ring, so it accepts the cookie the first one set.
        await using var other = await ContactServer.StartAsync(settings);
        using (var elsewhere = new OwnerHttpClient(other.HttpUri, browser.Cookies))
        using (var response = await elsewhere.GetAsync("/api/owner/sessions"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(await CountAsync("SELECT COUNT(*) FROM key_ring") >= 1);
        Assert.False(File.Exists(app.DatabasePath), "no SQLite file is made when the provider is PostgreSQL");
        Assert.False(Directory.Exists(Path.Combine(app.Folder, "keys")));
    }

    private async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
