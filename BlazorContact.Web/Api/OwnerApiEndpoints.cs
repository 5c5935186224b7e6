using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BlazorContact.Core.Conversations;
using BlazorContact.Core.Inbox;
using BlazorContact.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BlazorContact.Web.Api;

/// <summary>
/// The owner HTTP API for integrations, <c>/api/v1</c> (docs/api.md). Reads go through <see cref="InboxQueries"/>,
/// actions through <see cref="OwnerDesk"/> and tokens through <see cref="OwnerApiTokens"/>, exactly as the inbox
/// page's do, so a reply sent here reaches the visitor's sockets and the inbox tabs the same way. Every input is
/// checked before anything is changed; every refusal is a problem-details answer.
/// </summary>
public static partial class OwnerApiEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>Largest request body read, in bytes (a 4,000-character Chinese message is 12 KB of UTF-8).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const int DefaultLimit = 50;
    private static readonly OwnerApiJsonContext Json = OwnerApiJsonContext.Default;
    private const int MaxQueryLength = 200;

    public static IEndpointRouteBuilder MapOwnerApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(OwnerApiAuthentication.Policy)
            .AddEndpointFilter(AnswerUnavailableStorageAsync)
            .AddEndpointFilter(RequireCsrfHeaderWithCookieAsync);

        api.MapGet("/conversations", ListAsync);
        api.MapGet("/conversations/{id}", GetAsync);
        api.MapGet("/search", SearchAsync);
        api.MapPost("/conversations/{id}/messages", ReplyAsync);
        api.MapPost("/conversations/{id}/takeover", (string id, OwnerDesk desk, InboxQueries queries, CancellationToken ct) =>
            ActAsync(id, queries, () => desk.SetTakeoverAsync(id, true, ct), ct));
        api.MapPost("/conversations/{id}/handback", (string id, OwnerDesk desk, InboxQueries queries, CancellationToken ct) =>
            ActAsync(id, queries, () => desk.SetTakeoverAsync(id, false, ct), ct));
        api.MapPost("/conversations/{id}/close", (string id, OwnerDesk desk, InboxQueries queries, CancellationToken ct) =>
            ActAsync(id, queries, () => desk.SetClosedAsync(id, true, ct), ct));
        api.MapPost("/conversations/{id}/reopen", (string id, OwnerDesk desk, InboxQueries queries, CancellationToken ct) =>
            ActAsync(id, queries, () => desk.SetClosedAsync(id, false, ct), ct));
        api.MapPost("/conversations/{id}/read", (string id, OwnerDesk desk, InboxQueries queries, CancellationToken ct) =>
            ActAsync(id, queries, () => desk.MarkReadAsync(id, ct), ct));
        api.MapPost("/announcements", AnnounceAsync);

        // Tokens are managed with the cookie only: a leaked token must not be able to mint more or revoke the owner's others.
        var tokens = api.MapGroup("/tokens").AddEndpointFilter(RequireCookieAsync);
        tokens.MapGet("", ListTokensAsync);
        tokens.MapPost("", CreateTokenAsync);
        tokens.MapDelete("/{id:long}", RevokeTokenAsync);
        return endpoints;
    }

    private static async Task<Results<JsonHttpResult<ApiConversationList>, ProblemHttpResult>> ListAsync(
        string? status, string? limit, InboxQueries queries, CancellationToken cancellationToken)
    {
        InboxFilter? filter = status?.ToLowerInvariant() switch
        {
            null or "" or "open" => InboxFilter.Open,
            "closed" => InboxFilter.Closed,
            "all" => InboxFilter.All,
            _ => null,
        };
        if (filter is null)
        {
            return OwnerApiProblems.BadRequest($"status must be open, closed or all, not '{status}'.");
        }

        if (ParseLimit(limit, InboxQueries.ListLimit) is not { } count)
        {
            return OwnerApiProblems.BadRequest($"limit must be a whole number from 1 to {InboxQueries.ListLimit}.");
        }

        var list = await queries.ListAsync(filter.Value, count, cancellationToken);
        return TypedResults.Json(new ApiConversationList([.. list.Select(ApiConversation.From)]), Json.ApiConversationList);
    }

    private static async Task<Results<JsonHttpResult<ApiConversationDetail>, ProblemHttpResult>> GetAsync(
        string id, InboxQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } detail)
        {
            return NoConversation(id);
        }

        return TypedResults.Json(new ApiConversationDetail(ApiConversation.From(detail.Conversation), [.. detail.Timeline.Select(ApiTimelineEntry.From)]), Json.ApiConversationDetail);
    }

    private static async Task<Results<JsonHttpResult<ApiSearchResults>, ProblemHttpResult>> SearchAsync(
        string? q, string? limit, InboxQueries queries, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return OwnerApiProblems.BadRequest("q is required: the text to look for (a substring, any language).");
        }

        if (q.Trim().Length > MaxQueryLength)
        {
            return OwnerApiProblems.BadRequest($"q is longer than {MaxQueryLength} characters.");
        }

        if (ParseLimit(limit, InboxQueries.SearchLimit) is not { } count)
        {
            return OwnerApiProblems.BadRequest($"limit must be a whole number from 1 to {InboxQueries.SearchLimit}.");
        }

        var found = await queries.SearchAsync(q, count, cancellationToken);
        return TypedResults.Json(new ApiSearchResults([.. found.Select(ApiMessage.From)]), Json.ApiSearchResults);
    }

    private static async Task<Results<JsonHttpResult<ApiReplyCreated>, ProblemHttpResult, ValidationProblem>> ReplyAsync(
        string id, HttpRequest request, OwnerDesk desk, InboxQueries queries, IOptions<ContactOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(request, Json.ApiTextBody, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ProblemWithText(body!.Text, options.Value.MaxMessageLength) is { } invalid)
        {
            return OwnerApiProblems.Invalid("text", invalid);
        }

        if (await queries.FindAsync(id, cancellationToken) is null)
        {
            return NoConversation(id);
        }

        // ReplyAsync returns after the commit (and has queued the reply to the visitor's connections), so the id is durable.
        var reply = await desk.ReplyAsync(id, body.Text!, cancellationToken);
        request.HttpContext.Response.Headers.Location = $"{Prefix}/conversations/{Uri.EscapeDataString(id)}";
        return TypedResults.Json(new ApiReplyCreated(reply.Id, reply.ConversationId, reply.CreatedAt), Json.ApiReplyCreated, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<JsonHttpResult<ApiAnnouncementSent>, ProblemHttpResult, ValidationProblem>> AnnounceAsync(
        HttpRequest request, OwnerDesk desk, IOptions<ContactOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(request, Json.ApiTextBody, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ProblemWithText(body!.Text, options.Value.MaxMessageLength) is { } invalid)
        {
            return OwnerApiProblems.Invalid("text", invalid);
        }

        return TypedResults.Json(new ApiAnnouncementSent(desk.Announce(body.Text!)), Json.ApiAnnouncementSent);
    }

    private static async Task<Results<JsonHttpResult<ApiConversation>, ProblemHttpResult>> ActAsync(
        string id, InboxQueries queries, Func<Task> action, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is null)
        {
            return NoConversation(id);
        }

        await action();
        return TypedResults.Json(ApiConversation.From((await queries.FindAsync(id, cancellationToken))!), Json.ApiConversation);
    }

    private static async Task<JsonHttpResult<ApiTokenList>> ListTokensAsync(OwnerApiTokens tokens, CancellationToken cancellationToken) =>
        TypedResults.Json(new ApiTokenList([.. (await tokens.ListAsync(cancellationToken)).Select(ApiToken.From)]), Json.ApiTokenList);

    private static async Task<Results<JsonHttpResult<ApiTokenCreated>, ProblemHttpResult, ValidationProblem>> CreateTokenAsync(
        HttpRequest request, OwnerApiTokens tokens, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(request, Json.ApiTokenBody, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (OwnerApiTokens.ProblemWithName(body!.Name) is { } invalid)
        {
            return OwnerApiProblems.Invalid("name", invalid);
        }

        var created = await tokens.CreateAsync(body.Name!, cancellationToken);
        // The secret must not linger in a cache between the server and the caller.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.Location = $"{Prefix}/tokens";
        return TypedResults.Json(new ApiTokenCreated(ApiToken.From(created.Token), created.Secret), Json.ApiTokenCreated, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(long id, OwnerApiTokens tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : OwnerApiProblems.NotFound($"There is no active token {id} (it does not exist or was revoked already).");

    private static ProblemHttpResult NoConversation(string id) => OwnerApiProblems.NotFound($"There is no conversation '{id}'.");

    private static int? ParseLimit(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Math.Min(DefaultLimit, max);
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max ? limit : null;
    }

    private static string? ProblemWithText(string? text, int maxLength) =>
        string.IsNullOrWhiteSpace(text) ? "text is required and must not be blank."
        : text.Trim().Length > maxLength ? $"text is longer than {maxLength} characters."
        : null;

    /// <summary>Reads a JSON body with the source-generated context; a wrong type, size or shape becomes a problem, not an exception.</summary>
    private static async Task<(T? Body, ProblemHttpResult? Problem)> ReadBodyAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("The body must be JSON: send 'Content-Type: application/json'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TypedResults.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large"));
        }

        try
        {
            using var limited = new MemoryStream();
            await request.Body.CopyToAsync(limited, cancellationToken);
            if (limited.Length > MaxBodyBytes)
            {
                return (null, TypedResults.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large"));
            }

            limited.Position = 0;
            return await JsonSerializer.DeserializeAsync(limited, type, cancellationToken) is { } body
                ? (body, null)
                : (null, OwnerApiProblems.BadRequest("The body must be a JSON object, not null."));
        }
        catch (JsonException ex)
        {
            return (null, OwnerApiProblems.BadRequest($"The body is not the JSON this endpoint takes: {ex.Message}"));
        }
    }

    private static async ValueTask<object?> AnswerUnavailableStorageAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StorageUnavailableException ex)
        {
            Log.StorageUnavailable(Logger(context.HttpContext), context.HttpContext.Request.Method, context.HttpContext.Request.Path, ex);
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return OwnerApiProblems.Unavailable();
        }
    }

    private static ValueTask<object?> RequireCsrfHeaderWithCookieAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || OwnerApiAuthentication.IsTokenAuthenticated(http)
            || http.Request.Headers[OwnerApiAuthentication.CsrfHeader] == "1")
        {
            return next(context);
        }

        Log.CsrfRefused(Logger(http), http.Request.Method, http.Request.Path, http.Connection.RemoteIpAddress);
        return ValueTask.FromResult<object?>(OwnerApiProblems.Forbidden(
            $"A request signed in with the inbox cookie that changes something must carry the header '{OwnerApiAuthentication.CsrfHeader}: 1' " +
            "(it keeps other sites from making your browser send it). Scripts should use an API token instead."));
    }

    private static ValueTask<object?> RequireCookieAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        OwnerApiAuthentication.IsTokenAuthenticated(context.HttpContext)
            ? ValueTask.FromResult<object?>(OwnerApiProblems.Forbidden(
                "API tokens are managed from the signed-in inbox (the cookie), not with a token: a leaked token must not be able to make more."))
            : next(context);

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BlazorContact.Web.Api.OwnerApiEndpoints");
}
