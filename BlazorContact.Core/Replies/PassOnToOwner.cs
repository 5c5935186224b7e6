using System.Globalization;
using BlazorContact.Core.Events;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Replies;

/// <summary>
/// The visitor accepted the assistant's offer: the question becomes a contact request (so the owner
/// is notified, as for one sent from the form) and the assistant confirms it in the conversation.
/// </summary>
public sealed partial class PassOnToOwner(
    IConversationStore store,
    IConversationFanout fanout,
    IContactEventBus events,
    ServerText text,
    TimeProvider time,
    ILogger<PassOnToOwner> logger)
{
    public async Task PassAsync(AnswerRequest request, string question, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var contactRequest = new NewContactRequest(
            request.Origin, question, now.ToString("O", CultureInfo.InvariantCulture), request.Origin.UserAgent ?? "",
            null, null, request.Origin.Page, now);
        var requestId = await store.AddContactRequestAsync(contactRequest, cancellationToken).ConfigureAwait(false);
        Log.PassedOn(logger, request.ConversationId, requestId);
        events.Publish(new ContactRequestStored(request.ConversationId, requestId));
        events.Publish(new OwnerAttentionNeeded(
            request.ConversationId, OwnerAttentionReason.ContactRequest, question, now, RequestId: requestId,
            Page: request.Origin.Page, UserAgent: request.Origin.UserAgent));

        var reply = await store.AppendReplyAsync(
            new NewReply(request.ConversationId, Senders.Assistant, text.PassedToOwner, request.MessageId, now), cancellationToken).ConfigureAwait(false);
        fanout.Deliver(reply);
        events.Publish(new MessageStored(reply.ConversationId, reply.Id, reply.Sender));
    }
}
