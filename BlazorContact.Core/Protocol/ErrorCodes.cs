using System.Collections.Frozen;

namespace BlazorContact.Core.Protocol;

/// <summary>The values of <c>error.code</c>. The set is closed: clients may switch on it.</summary>
public static class ErrorCodes
{
    public const string InvalidJson = "invalid_json";
    public const string UnknownType = "unknown_type";
    public const string MissingField = "missing_field";
    public const string InvalidField = "invalid_field";
    public const string MessageTooLong = "message_too_long";
    public const string RateLimited = "rate_limited";
    /// <summary>Storage or another dependency is down: nothing was acknowledged.</summary>
    public const string Unavailable = "unavailable";
    public const string Internal = "internal";

    /// <summary>Every code above: what a client (or <see cref="ServerMessageValidator"/>) may see.</summary>
    public static FrozenSet<string> All { get; } = new[]
    {
        InvalidJson, UnknownType, MissingField, InvalidField, MessageTooLong, RateLimited, Unavailable, Internal,
    }.ToFrozenSet(StringComparer.Ordinal);
}
