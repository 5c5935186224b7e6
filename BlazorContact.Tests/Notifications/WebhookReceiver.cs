using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Notifications;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) standing in for the owner's webhook
/// receiver. Records every POST to <c>/hook</c>; <c>respond</c> picks each answer's status from the
/// request's number (1-based) and may take as long as it likes (until the sender gives up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();
    private int _count;

    private WebhookReceiver(Func<int, CancellationToken, Task<int>> respond)
    {
        _app = LoopbackApp.Create();
        _app.MapPost("/hook", async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var number = Interlocked.Increment(ref _count);
            _arrivals.Writer.TryWrite(new ReceivedWebhook(
                number,
                body.ToArray(),
                context.Request.Headers["X-BlazorContact-Signature"].ToString(),
                context.Request.Headers["X-BlazorContact-Event"].ToString(),
                context.Request.ContentType,
                DateTimeOffset.UtcNow));
            context.Response.StatusCode = await respond(number, context.RequestAborted);
        });
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests received so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public static async Task<WebhookReceiver> StartAsync(Func<int, CancellationToken, Task<int>>? respond = null)
    {
        var receiver = new WebhookReceiver(respond ?? ((_, _) => Task.FromResult(200)));
        receiver.Url = new Uri(await LoopbackApp.StartAsync(receiver._app), "/hook");
        return receiver;
    }

    /// <summary>A receiver that never answers: each request waits until the sender gives up.</summary>
    public static Task<WebhookReceiver> StartHangingAsync() => StartAsync(async (_, aborted) =>
    {
        await Task.Delay(Timeout.Infinite, aborted);
        return 200;
    });

    /// <summary>The next request received, in order.</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _arrivals.Reader.ReadAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
