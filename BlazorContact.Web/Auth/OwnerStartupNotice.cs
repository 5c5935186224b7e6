using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BlazorContact.Web.Auth;

/// <summary>
/// Says at start-up where the owner's password comes from; on a first run without one, opens setup and
/// logs the one-time link, built from the address the server really listens on. Runs once the server
/// has started (after storage is migrated and Kestrel has bound its port).
/// </summary>
internal sealed partial class OwnerStartupNotice(OwnerCredential credential, OwnerSetup setup, IServer server, ILogger<OwnerStartupNotice> logger)
    : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (credential.IsConfigured)
        {
            Log.Source(logger, "configuration (Owner:PasswordHash)");
        }
        else if (await credential.GetHashAsync(cancellationToken) is not null)
        {
            Log.Source(logger, "the database (set on the setup page)");
        }
        else
        {
            var token = setup.Open();
            Log.SetupLink(logger, $"{BaseAddress()}{OwnerAuthentication.SetupPath}?token={token}");
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The first listening address, HTTPS preferred; a wildcard host becomes localhost.</summary>
    private string BaseAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? "http://localhost:8080";
        var wildcard = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri))
        {
            return address.TrimEnd('/');
        }

        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Authority);
    }
}
