using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using BlazorContact.Tests.Support;

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
        var app = LoopbackApp.Create();
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
        server = new LocalFeedServer(app, await LoopbackApp.StartAsync(app));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
