using BlazorContact.Core.Conversations;
using BlazorContact.Core.Storage;

namespace BlazorContact.Core.Replies;

/// <summary>A stored visitor message waiting for the assistant's answer.</summary>
/// <param name="Asker">The connection that sent it: streamed pieces go to it alone; the stored reply goes to every connection.</param>
/// <param name="Origin">The conversation as it was when the message arrived (the asker may resume another one meanwhile).</param>
/// <param name="MessageId">The stored message's id; the reply's <c>reply_to</c>.</param>
/// <param name="Question">The visitor's text.</param>
/// <param name="Stream">The visitor asked for <c>chat_message_delta</c> pieces.</param>
public sealed record AnswerRequest(VisitorSession Asker, ConversationOrigin Origin, long MessageId, string Question, bool Stream)
{
    public string ConversationId => Origin.ConversationId;
}
