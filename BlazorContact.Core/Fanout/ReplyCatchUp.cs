using BlazorContact.Core.Conversations;
using BlazorContact.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Fanout;

/// <summary>
/// Repairs gaps from the store, the log that every instance shares: reads a conversation's replies after the
/// lowest cursor among its connections and queues each connection what it lacks, in order. Runs off the
/// caller's thread, one run per conversation at a time (a request during a run makes it read once more).
/// </summary>
internal sealed partial class ReplyCatchUp(SessionRegistry sessions, IConversationStore store, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, bool> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    // Cancelled, never disposed: runs still in flight read its token.
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>How many conversation catch-ups are running now (tests wait for zero).</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Schedules a catch-up of the conversation's connections and returns at once.</summary>
    public void Request(string conversationId, string reason)
    {
        lock (_gate)
        {
            if (_running.ContainsKey(conversationId))
            {
                // A run is in progress and may have read already: it reads once more when done.
                _running[conversationId] = true;
                return;
            }

            _running[conversationId] = false;
        }

        // Owned here: the run catches and logs its own failures, and stops with the fan-out.
        _ = Task.Run(() => RunAsync(conversationId, reason));
    }

    /// <summary>Queues to one connection, before returning, every reply it lacks up to <paramref name="throughReplyId"/> at least.</summary>
    public async Task CatchUpAsync(VisitorSession session, long throughReplyId, CancellationToken cancellationToken)
    {
        if (session.DeliveredReplyId >= throughReplyId)
        {
            return;
        }

        var conversationId = session.ConversationId;
        var replies = await store.GetRepliesAfterAsync(conversationId, session.DeliveredReplyId, cancellationToken).ConfigureAwait(false);
        Count(session.QueueMissed(conversationId, replies), "acknowledgement");
    }

    /// <summary>Stops running catch-ups. Idempotent: the container disposes the fan-out once per registration.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
        }
    }

    private async Task RunAsync(string conversationId, string reason)
    {
        try
        {
            while (true)
            {
                await CatchUpOnceAsync(conversationId, reason, _stopping.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    if (!_running[conversationId])
                    {
                        _running.Remove(conversationId);
                        return;
                    }

                    _running[conversationId] = false;
                }
            }
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _running.Remove(conversationId);
            }

            if (!_stopping.IsCancellationRequested)
            {
                // The replies stay in the store: the next gap, reconciliation or resume finds them.
                Log.CatchUpFailed(logger, conversationId, ex);
            }
        }
    }

    private async Task CatchUpOnceAsync(string conversationId, string reason, CancellationToken cancellationToken)
    {
        var attached = sessions.InConversation(conversationId);
        if (attached.Length == 0)
        {
            return;
        }

        var from = attached.Min(s => s.DeliveredReplyId);
        var replies = await store.GetRepliesAfterAsync(conversationId, from, cancellationToken).ConfigureAwait(false);
        var queued = 0;
        foreach (var session in attached)
        {
            queued = Math.Max(queued, session.QueueMissed(conversationId, replies));
        }

        Count(queued, reason);
    }

    private void Count(int queued, string reason)
    {
        if (queued > 0)
        {
            FanoutMetrics.GapsRepaired.Add(queued, new KeyValuePair<string, object?>("reason", reason));
            Log.GapRepaired(logger, queued, reason);
        }
    }
}
