namespace BlazorContact.Core.Protocol;

/// <summary>Who wrote a message in a conversation.</summary>
public static class Senders
{
    public const string Visitor = "visitor";
    public const string Assistant = "assistant";
    public const string Owner = "owner";
}
