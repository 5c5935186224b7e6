namespace BlazorContact.Core.Assistant;

/// <summary>One earlier message of the conversation, given to an assistant as context.</summary>
/// <param name="Sender"><c>visitor</c>, <c>assistant</c> or <c>owner</c>.</param>
/// <param name="Text">What was written.</param>
public sealed record AssistantTurn(string Sender, string Text);
