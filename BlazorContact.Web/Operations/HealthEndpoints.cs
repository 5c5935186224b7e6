using System.Diagnostics;
using System.Text.Json;
using BlazorContact.Core.Health;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Operations;

/// <summary>
/// <c>/healthz</c>: the process answers (no dependency is asked, so a restart is never triggered by the database).
/// <c>/readyz</c>: every <see cref="IReadinessCheck"/> at once, each within <see cref="HealthOptions.CheckTimeout"/>;
/// 200 when all are ready, else 503, with one JSON entry per check. Both are public and cheap: no auth, no body read.
/// </summary>
internal static class HealthEndpoints
{
    public const string HealthPath = "/healthz";

    public const string ReadyPath = "/readyz";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HealthPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new HealthAnswer("ok"), OperationsJsonContext.Default.HealthAnswer);
        }).ExcludeFromDescription();
        endpoints.MapGet(ReadyPath, ReadyAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(
        HttpContext context, IEnumerable<IReadinessCheck> checks, IOptions<HealthOptions> options, IHostApplicationLifetime lifetime)
    {
        context.Response.Headers.CacheControl = "no-store";
        var timeout = options.Value.CheckTimeout;
        var answers = await Task.WhenAll(checks.Select(check => AskAsync(check, timeout, context.RequestAborted)));
        var byName = new Dictionary<string, CheckAnswer>(StringComparer.Ordinal);
        foreach (var (name, answer) in answers)
        {
            byName[name] = answer;
        }

        // A stopping instance says so first, so the load balancer drains it while its sockets close with 1001.
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            byName["process"] = new CheckAnswer(false, "shutting down", 0);
        }

        var ready = byName.Values.All(answer => answer.Ready);
        return Results.Json(
            new ReadyAnswer(ready ? "ready" : "not ready", byName), OperationsJsonContext.Default.ReadyAnswer,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<(string Name, CheckAnswer Answer)> AskAsync(IReadinessCheck check, TimeSpan timeout, CancellationToken aborted)
    {
        var watch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout);
        try
        {
            // WaitAsync too: a check that ignores its token still can't hold the answer past the timeout.
            var result = await check.CheckAsync(deadline.Token).WaitAsync(timeout, aborted);
            return (check.Name, new CheckAnswer(result.Ready, result.Detail, watch.Elapsed.TotalMilliseconds));
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !aborted.IsCancellationRequested))
        {
            return (check.Name, new CheckAnswer(false, $"no answer within {timeout.TotalSeconds:0.###} s", watch.Elapsed.TotalMilliseconds));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (check.Name, new CheckAnswer(false, ex.Message, watch.Elapsed.TotalMilliseconds));
        }
    }
}

internal sealed record HealthAnswer(string Status);

internal sealed record ReadyAnswer(string Status, IReadOnlyDictionary<string, CheckAnswer> Checks);

internal sealed record CheckAnswer(bool Ready, string Detail, double DurationMs);
