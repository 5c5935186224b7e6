namespace BlazorContact.Core.Assistant;

/// <summary>Settings bound from the <c>Assistant</c> configuration section.</summary>
public sealed class AssistantOptions
{
    public const string SectionName = "Assistant";

    /// <summary>Folder of posts the built-in assistant answers from: Markdown (<c>*.md</c>) and HTML (<c>*.html</c>, <c>*.htm</c>) files.</summary>
    public string ContentPath { get; set; } = "content/posts";

    /// <summary>
    /// Optional RSS 2.0 feed, Atom feed or sitemap.xml of a blog hosted elsewhere (absolute http or
    /// https URL). Its posts are merged with the folder's into one index; a sitemap's pages are
    /// fetched and read as HTML. Empty (the default) means no network at all.
    /// </summary>
    public string? FeedUrl { get; set; }

    /// <summary>How often <see cref="FeedUrl"/> is fetched again; the first fetch is at start.</summary>
    public TimeSpan FeedRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most pages fetched from a sitemap per refresh, so a huge site cannot stall the refresh.</summary>
    public int FeedMaxPages { get; set; } = 200;

    /// <summary>Longest one request to the feed or to a page may take.</summary>
    public TimeSpan FeedTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an answer may take before the fallback text is sent instead.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Lowest BM25 score a passage needs to be quoted as an answer; below it the assistant says it
    /// found nothing and offers to pass the question on. 3.0 is about one distinctive word matched
    /// once (a setting name, "nginx"): on the sample posts every answered question scored at least
    /// 3.4, while off-topic questions that shared a word with a post stayed near 3.5 but failed coverage.
    /// </summary>
    public double MinimumScore { get; set; } = 3.0;

    /// <summary>
    /// Fraction (0–1) of the question that the answering passage must cover: English words count
    /// one each, Chinese one per character. On the sample posts real questions covered 0.5 or more
    /// and all off-topic ones but one at most 0.33, so a shared word or two does not make an unrelated
    /// question look answered.
    /// </summary>
    public double MinimumCoverage { get; set; } = 0.5;
    /// <summary>Who words the answers: the built-in search (default) or an OpenAI-compatible LLM.</summary>
    public AssistantProvider Provider { get; set; } = AssistantProvider.KnowledgeBase;

    /// <summary>The LLM's settings (<c>Assistant:OpenAI</c>), used only when <see cref="Provider"/> is <see cref="AssistantProvider.OpenAI"/>.</summary>
    public Llm.OpenAiAssistantOptions OpenAI { get; set; } = new();

    /// <summary>True when answers come from an LLM, which is optional and off by default.</summary>
    public bool IsLlmEnabled => Provider == AssistantProvider.OpenAI;

    /// <summary>
    /// The longest a reply may take in all: with an LLM, the model gets <see cref="Llm.OpenAiAssistantOptions.Timeout"/>
    /// and the built-in fallback answer still gets <see cref="ReplyTimeout"/> after it.
    /// </summary>
    public TimeSpan ReplyBudget => IsLlmEnabled ? OpenAI.Timeout + ReplyTimeout : ReplyTimeout;

    /// <summary>How many earlier messages the assistant is given as context (none for the built-in search).</summary>
    public int HistoryMessagesForAssistant => IsLlmEnabled ? OpenAI.HistoryMessages : 0;
}
