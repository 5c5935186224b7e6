namespace BlazorContact.Core.Protocol;

/// <summary>Limits the parser enforces; taken from <c>ContactOptions</c>.</summary>
public sealed record ProtocolLimits(int MaxMessageLength = 4000)
{
    public const int MaxUserAgentLength = 1024;
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 320;
    public const int MaxPageLength = 2048;
    public const int MaxClientMessageIdLength = 128;
    public const int MaxTimestampLength = 64;
    public const int MaxSessionTokenLength = 256;
}
