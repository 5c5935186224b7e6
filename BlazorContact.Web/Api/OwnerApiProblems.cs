using Microsoft.AspNetCore.Http.HttpResults;

namespace BlazorContact.Web.Api;

/// <summary>
/// The one shape of every owner API error: RFC 9457 problem details (<c>application/problem+json</c>) with a
/// <c>title</c> naming the kind of failure and a <c>detail</c> sentence saying what to change.
/// </summary>
internal static class OwnerApiProblems
{
    /// <summary>The realm in <c>WWW-Authenticate</c>.</summary>
    public const string Realm = "BlazorContact owner API";

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: $"{field}: {message}", title: "Invalid request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult Unavailable() =>
        TypedResults.Problem("The database is busy or unavailable; nothing was changed. Retry in a few seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable");

    /// <summary>401 with a bearer challenge (RFC 6750) and a problem body saying what was wrong with the credentials.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, string? tokenError)
    {
        context.Response.Headers.WWWAuthenticate = tokenError is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{tokenError}\"";
        var detail = tokenError is null
            ? "Send 'Authorization: Bearer bc_…' with an API token (created in the inbox under API tokens), or sign in to the inbox for its cookie."
            : $"{tokenError} Create a token in the inbox under API tokens and send it as 'Authorization: Bearer bc_…'.";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context);
    }
}
