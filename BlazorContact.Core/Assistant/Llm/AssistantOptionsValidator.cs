using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Assistant.Llm;

/// <summary>Fails start-up with a sentence when <c>Assistant:Provider</c> is OpenAI and its settings are missing or wrong.</summary>
public sealed class AssistantOptionsValidator : IValidateOptions<AssistantOptions>
{
    public ValidateOptionsResult Validate(string? name, AssistantOptions options)
    {
        if (!options.IsLlmEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var llm = options.OpenAI;
        var failures = new List<string>();
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
