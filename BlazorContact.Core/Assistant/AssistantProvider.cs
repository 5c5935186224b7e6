namespace BlazorContact.Core.Assistant;

/// <summary>Who words the assistant's answers (<c>Assistant:Provider</c>).</summary>
public enum AssistantProvider
{
    /// <summary>The built-in BM25 search over the posts: no network, no model (the default).</summary>
    KnowledgeBase,

    /// <summary>An OpenAI-compatible chat-completions endpoint, grounded on the built-in search.</summary>
    OpenAI,
}
