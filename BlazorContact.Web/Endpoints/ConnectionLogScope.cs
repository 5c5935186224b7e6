using System.Collections;
using BlazorContact.Core.Conversations;

namespace BlazorContact.Web.Endpoints;

/// <summary>
/// The log scope of one connection: <c>ClientId</c> and <c>ConversationId</c> on every log line written while it
/// is handled. Read when each line is written, not when the scope opens, so a <c>resume</c> that moves the
/// connection to another conversation shows on the lines after it.
/// </summary>
internal sealed class ConnectionLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    public VisitorSession? Session { get; set; }

    public int Count => Session is null ? 0 : 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("ClientId", Session!.ClientId),
        1 => new("ConversationId", Session!.ConversationId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Session is null ? "" : $"ClientId:{Session.ClientId} ConversationId:{Session.ConversationId}";
}
