using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Assistant;

/// <summary>Fails start-up with a sentence when an <c>Assistant</c> setting is out of range, or the LLM's are missing or wrong.</summary>
public sealed class AssistantOptionsValidator : IValidateOptions<AssistantOptions>
{
    public ValidateOptionsResult Validate(string? name, AssistantOptions options)
    {
        var failures = new List<string>();
        ValidateRetrieval(options, failures);
        if (options.IsLlmEnabled)
        {
            ValidateLlm(options.OpenAI, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRetrieval(AssistantOptions options, List<string> failures)
    {
        if (options.ReplyTimeout <= TimeSpan.Zero)
        {
            failures.Add("Assistant:ReplyTimeout must be positive, e.g. 00:00:10.");
        }

        if (options.MinimumCoverage is < 0 or > 1)
        {
            failures.Add("Assistant:MinimumCoverage must be between 0 and 1 (the share of the question a passage must contain).");
        }

        if (options.MinimumScore < 0)
        {
            failures.Add("Assistant:MinimumScore must not be negative.");
        }

        if (!string.IsNullOrWhiteSpace(options.FeedUrl)
            && !(Uri.TryCreate(options.FeedUrl, UriKind.Absolute, out var feed) && feed.Scheme is "http" or "https"))
        {
            failures.Add("Assistant:FeedUrl must be an absolute http or https URL of an RSS or Atom feed or a sitemap.xml, e.g. https://blog.example.com/index.xml.");
        }

        if (options.FeedRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Assistant:FeedRefreshInterval must be at least 00:00:01, e.g. 01:00:00.");
        }

        if (options.FeedMaxPages is < 1 or > 10_000)
        {
            failures.Add("Assistant:FeedMaxPages must be between 1 and 10000.");
        }

        if (options.FeedTimeout <= TimeSpan.Zero)
        {
            failures.Add("Assistant:FeedTimeout must be positive, e.g. 00:00:30.");
        }
    }

    private static void ValidateLlm(Llm.OpenAiAssistantOptions llm, List<string> failures)
    {
        if (!Uri.TryCreate(llm.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            failures.Add($"Assistant:OpenAI:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1 when Assistant:Provider is OpenAI (was '{llm.Endpoint}').");
        }

        if (string.IsNullOrWhiteSpace(llm.Model))
        {
            failures.Add("Assistant:OpenAI:Model must name the model when Assistant:Provider is OpenAI, e.g. gpt-4o-mini or qwen2.5:7b.");
        }

        if (llm.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Assistant:OpenAI:Timeout must be positive, e.g. 00:00:20.");
        }

        if (llm.MaxPassages is < 1 or > 20)
        {
            failures.Add("Assistant:OpenAI:MaxPassages must be between 1 and 20.");
        }

        if (llm.HistoryMessages is < 0 or > 50)
        {
            failures.Add("Assistant:OpenAI:HistoryMessages must be between 0 and 50.");
        }

        if (llm.MaxRepliesPerVisitor < 0 || llm.MaxRepliesPerDay < 0)
        {
            failures.Add("Assistant:OpenAI:MaxRepliesPerVisitor and MaxRepliesPerDay must not be negative (0 sends every question to the built-in answer).");
        }

        if (llm.MaxOutputTokens < 1)
        {
            failures.Add("Assistant:OpenAI:MaxOutputTokens must be positive.");
        }
    }
}
