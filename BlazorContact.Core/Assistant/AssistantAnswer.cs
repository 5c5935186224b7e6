namespace BlazorContact.Core.Assistant;

/// <summary>The assistant's reply.</summary>
/// <param name="Text">What the visitor reads.</param>
/// <param name="Found">
/// False when the posts did not cover the question. The text then says so and invites the visitor to
/// reply "是" / "yes" to pass the question to the owner; the caller that owns the conversation is
/// expected to remember the question and, on an affirmative next message (是, 好, 可以, yes, ok, sure),
/// store it as a contact request and confirm. <see cref="Sources"/> is then empty.
/// </param>
/// <param name="Sources">The posts the answer came from, best first.</param>
public sealed record AssistantAnswer(string Text, bool Found, IReadOnlyList<AssistantSource> Sources);

/// <summary>A post an answer cites.</summary>
public sealed record AssistantSource(string Title, string Url);
