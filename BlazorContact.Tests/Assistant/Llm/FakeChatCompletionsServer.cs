using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.Assistant.Llm;

/// <summary>How the stand-in model answers.</summary>
public enum FakeModelBehaviour
{
    /// <summary>A chat completion, as JSON or as SSE chunks when the request says <c>stream: true</c>.</summary>
    Answer,

    /// <summary>Never answers (until the caller gives up).</summary>
    Hang,

    /// <summary>HTTP 500 with an OpenAI-style error body.</summary>
    ServerError,

    /// <summary>HTTP 200 whose body is not a chat completion.</summary>
    Malformed,
}

/// <summary>
/// A stand-in for an OpenAI-compatible service on 127.0.0.1: <c>POST /v1/chat/completions</c> in
/// JSON or SSE streaming, recording every request body.
/// </summary>
public sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();

    private FakeChatCompletionsServer(WebApplication app) => _app = app;

    public FakeModelBehaviour Behaviour { get; set; } = FakeModelBehaviour.Answer;

    /// <summary>The answer's pieces, streamed one SSE chunk each (joined for a JSON answer).</summary>
    public IReadOnlyList<string> Pieces { get; set; } = ["Embed it ", "with one ", "script tag. ", "Read more: /posts/embed-chat-widget"];

    public string Answer => string.Concat(Pieces);

    /// <summary>Request bodies, in arrival order.</summary>
    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    /// <summary>The base address to configure as <c>Assistant:OpenAI:Endpoint</c>.</summary>
    public string Endpoint { get; private set; } = "";

    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        var app = LoopbackApp.Create();
        var server = new FakeChatCompletionsServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        var address = await LoopbackApp.StartAsync(app);
        server.Endpoint = new Uri(address, "/v1").ToString();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        Requests.Enqueue(body.RootElement.Clone());
        var stream = body.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        switch (Behaviour)
        {
            case FakeModelBehaviour.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, aborted.Token);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as it should.
                }

                return;
            case FakeModelBehaviour.ServerError:
                context.Response.StatusCode = 500;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"error":{"message":"The server had an error","type":"server_error"}}""");
                return;
            case FakeModelBehaviour.Malformed:
                context.Response.ContentType = stream ? "text/event-stream" : "application/json";
                await context.Response.WriteAsync(stream ? "data: {not json\n\n" : "<html>not a completion");
                return;
        }

        if (!stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["id"] = "chatcmpl-1",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = "fake-model",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Answer },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
            }.ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < Pieces.Count; i++)
        {
            var delta = new JsonObject { ["content"] = Pieces[i] };
            if (i == 0)
            {
                delta["role"] = "assistant";
            }

            await WriteChunkAsync(context, delta, finishReason: null);
            // Separate network writes, so the relay really sees pieces one by one.
            await Task.Delay(20, aborted.Token);
        }

        await WriteChunkAsync(context, new JsonObject(), finishReason: "stop");
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task WriteChunkAsync(HttpContext context, JsonObject delta, string? finishReason)
    {
        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
        };
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
