namespace BlazorContact.Core.Assistant.Llm;

/// <summary>
/// Settings of the optional LLM (<c>Assistant:OpenAI</c>): any OpenAI-compatible chat-completions
/// endpoint (OpenAI, Ollama, llama.cpp server, vLLM).
/// </summary>
public sealed class OpenAiAssistantOptions
{
    /// <summary>The API base address, ending before <c>/chat/completions</c>, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:11434/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name the endpoint knows, e.g. <c>gpt-4o-mini</c> or <c>qwen2.5:7b</c>.</summary>
    public string? Model { get; set; }

    /// <summary>The bearer key; local servers usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The instructions; empty means <see cref="LlmPrompt.DefaultSystemPrompt"/>.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>How long one reply may take before the built-in answer is sent instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many passages from the posts are given as grounding.</summary>
    public int MaxPassages { get; set; } = 4;

    /// <summary>How many earlier messages of the conversation are given as context.</summary>
    public int HistoryMessages { get; set; } = 6;

    /// <summary>Cost guard: LLM replies per conversation per UTC day; beyond it the built-in answer is sent.</summary>
    public int MaxRepliesPerVisitor { get; set; } = 20;

    /// <summary>Cost guard: LLM replies per UTC day for the whole site; beyond it the built-in answer is sent.</summary>
    public int MaxRepliesPerDay { get; set; } = 500;

    /// <summary>Upper bound on the reply's length in tokens, so one answer can't run up the bill.</summary>
    public int MaxOutputTokens { get; set; } = 600;
}
