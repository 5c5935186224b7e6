using BlazorContact.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorContact.Tests.Replies;

public sealed class ConversationWorkQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Work_of_one_conversation_runs_one_item_at_a_time_in_order()
    {
        await using var queue = new ConversationWorkQueue(NullLogger<ConversationWorkQueue>.Instance);
        var order = new List<int>();
        var running = 0;
        var overlapped = false;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        for (var i = 0; i < 20; i++)
        {
            var item = i;
            queue.Enqueue("c1", async _ =>
            {
                overlapped |= Interlocked.Increment(ref running) > 1;
                await Task.Yield();
                lock (order)
                {
                    order.Add(item);
                }

                Interlocked.Decrement(ref running);
                if (item == 19)
                {
                    done.SetResult();
                }
            });
        }

        await done.Task.WaitAsync(Patience);
        Assert.False(overlapped);
        Assert.Equal(Enumerable.Range(0, 20), order);
    }

    [Fact]
    public async Task A_slow_conversation_does_not_hold_up_another()
    {
        await using var queue = new ConversationWorkQueue(NullLogger<ConversationWorkQueue>.Instance);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        queue.Enqueue("slow", _ => release.Task);
        queue.Enqueue("fast", _ =>
        {
            otherRan.SetResult();
            return Task.CompletedTask;
        });

        await otherRan.Task.WaitAsync(Patience);
        Assert.False(release.Task.IsCompleted);
        release.SetResult();
    }

    [Fact]
    public async Task Work_never_runs_inline_on_the_callers_thread()
    {
        await using var queue = new ConversationWorkQueue(NullLogger<ConversationWorkQueue>.Instance);
        var caller = Environment.CurrentManagedThreadId;
        var ranOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var spin = new ManualResetEventSlim();

        // The work blocks its thread until the caller has returned from Enqueue: inline, this would deadlock.
        queue.Enqueue("c1", stopping =>
        {
            spin.Wait(Patience, stopping);
            ranOn.SetResult(Environment.CurrentManagedThreadId);
            return Task.CompletedTask;
        });
        spin.Set();

        Assert.NotEqual(caller, await ranOn.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_failing_item_does_not_stop_the_next_one()
    {
        await using var queue = new ConversationWorkQueue(NullLogger<ConversationWorkQueue>.Instance);
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        queue.Enqueue("c1", _ => throw new InvalidOperationException("model exploded"));
        queue.Enqueue("c1", _ =>
        {
            next.SetResult();
            return Task.CompletedTask;
        });

        await next.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Disposal_lets_work_in_flight_finish_and_forgets_finished_conversations()
    {
        var queue = new ConversationWorkQueue(NullLogger<ConversationWorkQueue>.Instance);
        var finished = false;
        queue.Enqueue("c1", async stopping =>
        {
            await Task.Delay(100, stopping);
            finished = true;
        });
        Assert.Equal(1, queue.ActiveConversations);

        await queue.DisposeAsync();

        Assert.True(finished);
        Assert.Equal(0, queue.ActiveConversations);
    }
}
