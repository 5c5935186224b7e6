namespace BlazorContact.Core.Assistant;

/// <summary>The assistant's reply.</summary>
/// <param name="Text">What the visitor reads.</param>
/// <param name="Found">False when the posts did not cover the question (the text then says so politely).</param>
/// <param name="Sources">The posts the answer came from, best first.</param>
public sealed record AssistantAnswer(string Text, bool Found, IReadOnlyList<AssistantSource> Sources);

/// <summary>A post an answer cites.</summary>
public sealed record AssistantSource(string Title, string Url);
