using BlazorContact.Core.Conversations;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Inbox;
using BlazorContact.Core.Storage;
using BlazorContact.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorContact.Tests.Support;

/// <summary>
/// The real app on a real Kestrel socket (127.0.0.1, a free port) with its own SQLite file.
/// Settings can be overridden per test, and so can the clock (a <c>FakeTimeProvider</c> the test moves
/// instead of sleeping) and the id generator (<see cref="SequentialIdGenerator"/>, for ids a test predicts);
/// <see cref="RestartAsync"/> starts a new host on the same file, with the same clock and ids.
/// </summary>
public sealed class ContactServer : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly IIdGenerator? _ids;
    private readonly Action<IServiceCollection>? _services;
    private WebApplication? _app;

    private ContactServer(string folder, Dictionary<string, string?> settings, TimeProvider? time, IIdGenerator? ids, Action<IServiceCollection>? services)
    {
        Folder = folder;
        _settings = settings;
        _time = time;
        _ids = ids;
        _services = services;
    }

    /// <summary>A temporary folder for this server's database.</summary>
    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "contact.db");

    public Uri HttpUri { get; private set; } = null!;

    public Uri ContactUri => new($"ws://{HttpUri.Authority}/contact");

    public IServiceProvider Services => _app!.Services;

    public ContactService Contact => Services.GetRequiredService<ContactService>();

    /// <summary>The owner's actions, as the inbox takes them.</summary>
    public OwnerDesk Desk => Services.GetRequiredService<OwnerDesk>();

    /// <summary>Who is online.</summary>
    public IVisitorPresence Presence => Services.GetRequiredService<IVisitorPresence>();

    /// <param name="services">Extra registrations, such as another <c>IReadinessCheck</c>.</param>
    public static async Task<ContactServer> StartAsync(
        IDictionary<string, string?>? settings = null, int port = 0, TimeProvider? time = null, IIdGenerator? ids = null,
        Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "blazorcontact-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Contact"] = $"Data Source={Path.Combine(folder, "contact.db")}",
            // Tests send faster than a person types; the rate-limit test sets its own numbers.
            ["Contact:RateLimitPerSecond"] = "0",
            // Abuse limits are off unless a test sets them (tests connect and start conversations fast, all from 127.0.0.1).
            ["Limits:IpMessagesPerSecond"] = "0",
            ["Limits:NewConversationsPerIpPerHour"] = "0",
            ["Limits:ConnectionsPerIp"] = "0",
            ["Limits:FirstMessageTimeout"] = "00:00:00",
            ["Limits:ContactRequestsPerConversationPerHour"] = "0",
            ["Limits:ContactRequestsPerIpPerHour"] = "0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var server = new ContactServer(folder, all, time, ids, services);
        await server.StartHostAsync(port);
        return server;
    }

    /// <summary>Stops the host for real (connections close) and starts a fresh one on the same database file.</summary>
    public async Task RestartAsync()
    {
        var port = HttpUri.Port;
        await StopAsync();
        await StartHostAsync(port);
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public long CountRows(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)command.ExecuteScalar()!;
    }

    public async Task<ContactClient> ConnectAsync(string? origin = null) => await ContactClient.ConnectAsync(ContactUri, origin);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a straggling handle; the temp folder is cleaned by the OS later.
        }
    }

    private async Task StartHostAsync(int port)
    {
        _app = ContactApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            // Registered before the app's own, which only fill in what is missing.
            if (_time is not null)
            {
                builder.Services.AddSingleton(_time);
            }

            if (_ids is not null)
            {
                builder.Services.AddSingleton(_ids);
            }

            _services?.Invoke(builder.Services);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        HttpUri = new Uri(address);
    }
}
