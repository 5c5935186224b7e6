using BlazorContact.Tests.Support;
using BlazorContact.Web.Auth;

namespace BlazorContact.Tests.Auth;

/// <summary>A real server whose owner password is <see cref="Password"/>, given as <c>Owner:PasswordHash</c>.</summary>
public sealed class OwnerServerFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    public ServerLogFile Log { get; } = new();

    public ContactServer Server { get; private set; } = null!;

    public static IDictionary<string, string?> SettingsFor(string password, ServerLogFile? log = null)
    {
        var settings = new Dictionary<string, string?> { ["Owner:PasswordHash"] = new OwnerPasswordHasher().Hash(password) };
        foreach (var (key, value) in log?.Settings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync() => Server = await ContactServer.StartAsync(SettingsFor(Password, Log));

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Log.Delete();
    }
}
