using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Replies;

/// <summary>
/// Runs answer work off the connections' receive loops, one item at a time per conversation (so
/// replies keep the order of the questions) and conversations side by side. It owns every task it
/// starts: failures are logged here, and disposal waits for work in flight before cancelling it.
/// </summary>
public sealed partial class ConversationWorkQueue(ILogger<ConversationWorkQueue> logger) : IAsyncDisposable
{
    /// <summary>How long disposal lets answers in flight finish (their replies are stored) before cancelling them.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Conversations with work queued or running.</summary>
    public int ActiveConversations
    {
        get
        {
            lock (_gate)
            {
                return _lanes.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> behind the conversation's earlier work. Returns at once.</summary>
    public void Enqueue(string conversationId, Func<CancellationToken, Task> work)
    {
        lock (_gate)
        {
            if (!_lanes.TryGetValue(conversationId, out var lane))
            {
                _lanes[conversationId] = lane = new Lane();
            }

            lane.Pending++;
            lane.Tail = RunAfterAsync(lane.Tail, conversationId, lane, work);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] tails;
        lock (_gate)
        {
            tails = [.. _lanes.Values.Select(lane => lane.Tail)];
        }

        try
        {
            await Task.WhenAll(tails).WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(tails).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAfterAsync(Task previous, string conversationId, Lane lane, Func<CancellationToken, Task> work)
    {
        // ForceYielding: the work starts on the thread pool, never inline on the caller's receive loop
        // or Blazor circuit. The previous item never throws (failures are caught below).
        await previous.ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await work(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            Log.Abandoned(logger, conversationId);
        }
        catch (Exception ex)
        {
            Log.WorkFailed(logger, conversationId, ex);
        }
        finally
        {
            lock (_gate)
            {
                if (--lane.Pending == 0)
                {
                    _lanes.Remove(conversationId);
                }
            }
        }
    }

    private sealed class Lane
    {
        public Task Tail { get; set; } = Task.CompletedTask;

        public int Pending { get; set; }
    }
}
