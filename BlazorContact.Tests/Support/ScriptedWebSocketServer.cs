using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BlazorContact.Tests.Support;

/// <summary>
/// A bare Kestrel WebSocket server on 127.0.0.1 whose <c>/contact</c> runs a test's script, to show how
/// a client copes with a server that misbehaves in a way the real one never does.
/// </summary>
public sealed class ScriptedWebSocketServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedWebSocketServer(WebApplication app, Uri contactUri)
    {
        _app = app;
        ContactUri = contactUri;
    }

    public Uri ContactUri { get; }

    /// <summary>Starts a server whose <c>/contact</c> accepts the socket and hands it to <paramref name="script"/>.</summary>
    public static async Task<ScriptedWebSocketServer> StartAsync(Func<WebSocket, CancellationToken, Task> script)
    {
        var app = LoopbackApp.Create();
        app.UseWebSockets();
        app.Map("/contact", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await script(socket, context.RequestAborted);
        });
        var address = await LoopbackApp.StartAsync(app);
        return new ScriptedWebSocketServer(app, new Uri($"ws://{address.Authority}/contact"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
