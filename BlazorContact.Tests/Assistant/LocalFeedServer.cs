using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Tests.Assistant;

/// <summary>A minimal Kestrel app on 127.0.0.1:0 serving whatever documents a test puts in <see cref="Documents"/>; other paths answer 404.</summary>
internal sealed class LocalFeedServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalFeedServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>Path (e.g. <c>/feed.xml</c>) to content type and body.</summary>
    public ConcurrentDictionary<string, (string ContentType, string Body)> Documents { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths requested, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Address { get; }

    public Uri Url(string path) => new(Address, path);

    public static async Task<LocalFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalFeedServer? server = null;
        app.Run(async context =>
        {
            server!.Requests.Enqueue(context.Request.Path.Value ?? "");
            if (server.Documents.TryGetValue(context.Request.Path.Value ?? "", out var document))
            {
                context.Response.ContentType = document.ContentType;
                await context.Response.WriteAsync(document.Body);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        var address = app.Urls.First();
        server = new LocalFeedServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
