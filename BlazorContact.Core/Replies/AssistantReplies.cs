using BlazorContact.Core.Assistant;
using BlazorContact.Core.Conversations;
using BlazorContact.Core.Events;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Replies;

/// <summary>
/// The assistant's side of a conversation: answers stored visitor messages off the receive loop (the
/// connection keeps reading and answering pings meanwhile), one at a time per conversation, then
/// stores the reply and fans it out. A "yes" to an offer to pass the question on goes to
/// <see cref="PassOnToOwner"/> instead.
/// </summary>
public sealed partial class AssistantReplies(
    IConversationStore store,
    IAssistant assistant,
    IConversationFanout fanout,
    IContactEventBus events,
    IAnswerClaims claims,
    IPassOnOffers offers,
    PassOnToOwner passOn,
    ConversationWorkQueue queue,
    ServerText text,
    IOptions<AssistantOptions> options,
    TimeProvider time,
    ILogger<AssistantReplies> logger)
{
    /// <summary>How long after the reply budget a claimed answer may still be on its way (its commit, its fan-out).</summary>
    public static readonly TimeSpan ClaimantMargin = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ClaimPollInterval = TimeSpan.FromSeconds(1);

    private readonly AssistantOptions _options = options.Value;

    /// <summary>
    /// Queues the answer and returns at once. A message someone else is answering right now (a resend
    /// racing its original) is skipped: that answer reaches every connection of the conversation.
    /// </summary>
    public void Schedule(AnswerRequest request)
    {
        if (!claims.TryClaim(request.MessageId))
        {
            // Usually the original's answer is on its way. But the claimant may be an instance that died
            // mid-answer, whose claim only expires: then this resend is the question's last chance.
            queue.Enqueue(request.ConversationId, stopping => AnswerIfClaimantGivesUpAsync(request, stopping));
            return;
        }

        queue.Enqueue(request.ConversationId, async stopping =>
        {
            try
            {
                await AnswerAsync(request, stopping).ConfigureAwait(false);
            }
            finally
            {
                claims.Release(request.MessageId);
            }
        });
    }

    /// <summary>
    /// Waits (bounded by the reply budget and a margin) until the message is answered by whoever claimed it,
    /// or the claim is free again, in which case this answers it.
    /// </summary>
    private async Task AnswerIfClaimantGivesUpAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + _options.ReplyBudget + ClaimantMargin;
        while (!await IsAnsweredAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (claims.TryClaim(request.MessageId))
            {
                try
                {
                    if (!await IsAnsweredAsync(request, cancellationToken).ConfigureAwait(false))
                    {
                        Log.AnsweringAbandonedClaim(logger, request.ConversationId, request.MessageId);
                        await AnswerAsync(request, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    claims.Release(request.MessageId);
                }

                return;
            }

            if (time.GetUtcNow() > deadline)
            {
                return;
            }

            await Task.Delay(ClaimPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsAnsweredAsync(AnswerRequest request, CancellationToken cancellationToken) =>
        (await store.GetRepliesAfterAsync(request.ConversationId, request.MessageId, cancellationToken).ConfigureAwait(false))
            .Any(reply => reply.ReplyTo == request.MessageId);

    private async Task AnswerAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (offers.TakeAccepted(request.ConversationId, request.Question) is { } question)
            {
                await passOn.PassAsync(request, question, cancellationToken).ConfigureAwait(false);
                return;
            }

            var answer = await AskAsync(request, cancellationToken).ConfigureAwait(false);
            var reply = await store.AppendReplyAsync(
                new NewReply(request.ConversationId, Senders.Assistant, answer, request.MessageId, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            fanout.Deliver(reply);
            events.Publish(new MessageStored(reply.ConversationId, reply.Id, reply.Sender));
        }
        catch (StorageUnavailableException ex)
        {
            // The question is stored and acknowledged; a resend of it (same client_message_id) is answered then.
            Log.ReplyNotStored(logger, request.ConversationId, request.MessageId, ex);
            request.Asker.Send(new ErrorMessage(text.Unavailable, ErrorCodes.Unavailable, time.GetUtcNow()));
        }
    }

    private async Task<string> AskAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.ReplyBudget, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = time.GetTimestamp();
        try
        {
            var question = new AssistantQuestion(request.ConversationId, request.Question)
            {
                History = await RecentHistoryAsync(request, budget.Token).ConfigureAwait(false),
            };
            var answer = request.Stream && assistant is IStreamingAssistant streaming
                ? await streaming.AnswerStreamingAsync(
                    question, delta => request.Asker.Send(new ChatMessageDelta(time.GetUtcNow(), request.MessageId, delta)), budget.Token).ConfigureAwait(false)
                : await assistant.AnswerAsync(question, budget.Token).ConfigureAwait(false);
            ContactMetrics.AssistantAnswered(time.GetElapsedTime(started), answer.Found);
            if (!answer.Found)
            {
                offers.Offer(request.ConversationId, request.Question);
            }

            return answer.Text;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The visitor still gets an answer: the guide's fallback wording.
            ContactMetrics.AssistantFailed(time.GetElapsedTime(started));
            Log.AssistantFailed(logger, request.ConversationId, ex);
            return text.AssistantUnavailable;
        }
    }

    /// <summary>The messages before the question that the assistant wants as context (none for the built-in one).</summary>
    private async Task<IReadOnlyList<AssistantTurn>> RecentHistoryAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        var count = _options.HistoryMessagesForAssistant;
        if (count == 0)
        {
            return [];
        }

        var rows = await store.GetRecentMessagesAsync(request.ConversationId, request.MessageId, count, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(m => new AssistantTurn(m.Sender, m.Text))];
    }
}
