namespace BlazorContact.Core.Assistant;

/// <summary>Settings bound from the <c>Assistant</c> configuration section.</summary>
public sealed class AssistantOptions
{
    public const string SectionName = "Assistant";

    /// <summary>Folder of Markdown posts the built-in assistant answers from.</summary>
    public string ContentPath { get; set; } = "content/posts";

    /// <summary>How long an answer may take before the fallback text is sent instead.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
