using BlazorContact.Core.Conversations;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Endpoints;

/// <summary>Maps <c>/contact</c>: checks the upgrade and the origin, then hands the socket to a <see cref="ContactConnection"/>.</summary>
internal static partial class ContactEndpoint
{
    public const string Path = "/contact";

    public static IEndpointConventionBuilder MapContactEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map(Path, HandleAsync).WithName("ContactWebSocket");

    private static async Task HandleAsync(
        HttpContext context, ContactService service, VisitorLimits limits, TimeProvider time, IOptions<ContactOptions> options,
        IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("BlazorContact.Web.Endpoints.ContactEndpoint");
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This is the BlazorContact WebSocket endpoint: connect with ws:// or wss://.", context.RequestAborted);
            return;
        }

        var contact = options.Value;
        var origin = context.Request.Headers.Origin.ToString();
        // Browsers always send Origin; other clients (Python, curl) don't, and the check is about other sites' pages.
        if (contact.AllowedOrigins.Length > 0 && origin.Length > 0
            && !contact.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            Log.OriginRefused(logger, origin);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        // The real client address: forwarded headers are applied before this, and only from configured proxies.
        var remoteAddress = context.Connection.RemoteIpAddress?.ToString();
        // Refused before the upgrade: a 429 costs no socket, and a browser's WebSocket just fails and backs off.
        using var lease = limits.TryOpenConnection(remoteAddress);
        if (lease is null)
        {
            Log.TooManyConnections(logger, remoteAddress);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = contact.KeepAliveInterval,
            KeepAliveTimeout = contact.KeepAliveTimeout == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : contact.KeepAliveTimeout,
        });
        var endpoint = new VisitorEndpoint(
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            remoteAddress,
            origin.Length > 0 ? origin : null);
        var connection = new ContactConnection(socket, service, contact, limits.FirstMessageTimeout, time, logger);
        await connection.RunAsync(endpoint, lifetime.ApplicationStopping, context.RequestAborted);
    }
}
