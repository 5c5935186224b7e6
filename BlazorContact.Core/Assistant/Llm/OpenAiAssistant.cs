using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Assistant.Llm;

/// <summary>
/// The optional LLM assistant: an OpenAI-compatible chat model (through Microsoft.Extensions.AI)
/// words the answer from the passages the built-in search retrieves. Whenever the model can't be
/// used — nothing relevant retrieved, a cost limit reached, a timeout, an error, an empty or
/// malformed reply — the visitor gets the built-in answer instead, so the LLM can only improve replies.
/// </summary>
public sealed partial class OpenAiAssistant : IStreamingAssistant
{
    private readonly IChatClient _chat;
    private readonly IAssistant _fallback;
    private readonly IPassageRetriever _retriever;
    private readonly OpenAiAssistantOptions _options;
    private readonly ILlmReplyQuota _quota;
    private readonly TimeProvider _time;
    private readonly ILogger<OpenAiAssistant> _logger;
    private readonly ChatOptions _chatOptions;

    /// <param name="chat">The model.</param>
    /// <param name="fallback">The built-in assistant, answering whenever the model can't.</param>
    /// <param name="retriever">The search the model's grounding comes from.</param>
    /// <param name="options">The <c>Assistant</c> settings; <see cref="AssistantOptions.OpenAI"/> is used.</param>
    /// <param name="quota">The cost guard.</param>
    /// <param name="time">Clock for the per-reply timeout.</param>
    /// <param name="logger">Receives every fallback with its reason.</param>
    public OpenAiAssistant(
        IChatClient chat, IAssistant fallback, IPassageRetriever retriever, IOptions<AssistantOptions> options,
        ILlmReplyQuota quota, TimeProvider time, ILogger<OpenAiAssistant> logger)
    {
        _chat = chat;
        _fallback = fallback;
        _retriever = retriever;
        _options = options.Value.OpenAI;
        _quota = quota;
        _time = time;
        _logger = logger;
        _chatOptions = new ChatOptions { MaxOutputTokens = _options.MaxOutputTokens, Temperature = 0.2f };
        Log.Enabled(logger, _options.Model, _options.Endpoint);
    }

    /// <inheritdoc />
    public ValueTask<AssistantAnswer> AnswerAsync(AssistantQuestion question, CancellationToken cancellationToken) =>
        AnswerCoreAsync(question, onDelta: null, cancellationToken);

    /// <inheritdoc />
    public ValueTask<AssistantAnswer> AnswerStreamingAsync(AssistantQuestion question, Action<string> onDelta, CancellationToken cancellationToken) =>
        AnswerCoreAsync(question, onDelta, cancellationToken);

    private async ValueTask<AssistantAnswer> AnswerCoreAsync(AssistantQuestion question, Action<string>? onDelta, CancellationToken cancellationToken)
    {
        var passages = _retriever.Retrieve(question.Text, _options.MaxPassages);
        if (passages.Count == 0)
        {
            // Nothing to ground on: the model could only make something up, and it would cost money.
            return await _fallback.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        }

        if (!_quota.TryTake(question.ConversationId))
        {
            Log.QuotaReached(_logger, question.ConversationId);
            return await _fallback.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        }

        var messages = LlmPrompt.Build(_options.SystemPrompt, question, passages);
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string text;
        try
        {
            text = onDelta is null
                ? (await _chat.GetResponseAsync(messages, _chatOptions, linked.Token).ConfigureAwait(false)).Text
                : await StreamAsync(messages, onDelta, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(_logger, question.ConversationId, _options.Timeout);
            return await _fallback.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HTTP errors, refused connections and replies that are not chat completions all land here.
            Log.Failed(_logger, question.ConversationId, ex);
            return await _fallback.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            Log.Empty(_logger, question.ConversationId);
            return await _fallback.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        }

        var sources = passages.DistinctBy(p => p.Url).Select(p => new AssistantSource(p.Title, p.Url)).ToList();
        return new AssistantAnswer(text.Trim(), Found: true, sources);
    }

    private async Task<string> StreamAsync(IReadOnlyList<ChatMessage> messages, Action<string> onDelta, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        await foreach (var update in _chat.GetStreamingResponseAsync(messages, _chatOptions, cancellationToken).ConfigureAwait(false))
        {
            var delta = update.Text;
            if (string.IsNullOrEmpty(delta))
            {
                continue;
            }

            // Leading blank pieces would show as an empty bubble; the stored answer is trimmed the same way.
            if (text.Length == 0)
            {
                delta = delta.TrimStart();
                if (delta.Length == 0)
                {
                    continue;
                }
            }

            text.Append(delta);
            onDelta(delta);
        }

        return text.ToString();
    }
}
