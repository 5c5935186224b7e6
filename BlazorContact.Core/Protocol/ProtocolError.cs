namespace BlazorContact.Core.Protocol;

/// <summary>
/// A rejected frame or request, as a value. One place (<c>ContactService</c>) turns it into the
/// <c>error</c> message, the log line and the metric.
/// </summary>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Field">The offending field, when there is one.</param>
/// <param name="Detail">English detail for logs and for <see cref="ServerText"/> to render.</param>
public sealed record ProtocolError(string Code, string? Field = null, string? Detail = null);
