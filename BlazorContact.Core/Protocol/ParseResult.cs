namespace BlazorContact.Core.Protocol;

/// <summary>What <see cref="ClientMessageParser"/> made of one frame: a message or an error, never both.</summary>
public readonly record struct ParseResult(ClientMessage? Message, ProtocolError? Error)
{
    public static implicit operator ParseResult(ClientMessage message) => new(message, null);

    public static implicit operator ParseResult(ProtocolError error) => new(null, error);

    public bool IsSuccess => Message is not null;
}
