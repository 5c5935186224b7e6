using System.Text;
using Senders = BlazorContact.Core.Protocol.Senders;
using Microsoft.Extensions.AI;

namespace BlazorContact.Core.Assistant.Llm;

/// <summary>Builds the chat sent to the model: instructions, recent history, then the passages and the question.</summary>
public static class LlmPrompt
{
    /// <summary>The instructions used when <c>Assistant:OpenAI:SystemPrompt</c> is not set.</summary>
    public const string DefaultSystemPrompt =
        """
        You are the assistant of a personal blog's "contact the author" chat. Answer the visitor's question using ONLY the blog passages given with it.
        - Cite the post url(s) you used, e.g. "Read more: https://…".
        - If the passages do not cover the question, say so plainly and suggest leaving a contact request so the author can reply in person; never make up an answer.
        - Answer in the visitor's language (Chinese question → Chinese answer, English → English).
        - Be short: a few sentences, plain text.
        你是个人博客“联系作者”聊天中的助手。只根据随问题提供的博客文章片段回答，并注明所引用文章的链接；片段没有涉及的问题要直接说明，并建议访客留下联系请求，不要编造答案。用访客使用的语言简短回答。
        """;

    /// <summary>The messages for one question.</summary>
    public static IReadOnlyList<ChatMessage> Build(string? systemPrompt, AssistantQuestion question, IReadOnlyList<RetrievedPassage> passages)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, string.IsNullOrWhiteSpace(systemPrompt) ? DefaultSystemPrompt : systemPrompt),
        };
        foreach (var turn in question.History)
        {
            messages.Add(turn.Sender == Senders.Visitor
                ? new ChatMessage(ChatRole.User, turn.Text)
                : new ChatMessage(ChatRole.Assistant, turn.Text));
        }

        messages.Add(new ChatMessage(ChatRole.User, Grounded(question.Text, passages)));
        return messages;
    }

    private static string Grounded(string question, IReadOnlyList<RetrievedPassage> passages)
    {
        var text = new StringBuilder("Blog passages:\n");
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            text.Append('[').Append(i + 1).Append("] ").Append(passage.Title);
            if (passage.Heading is { Length: > 0 } heading)
            {
                text.Append(" › ").Append(heading);
            }

            text.Append("\nurl: ").Append(passage.Url).Append('\n').Append(passage.Text).Append("\n\n");
        }

        return text.Append("Visitor's question:\n").Append(question).ToString();
    }
}
