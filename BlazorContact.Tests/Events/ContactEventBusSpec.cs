using BlazorContact.Core.Events;

namespace BlazorContact.Tests.Events;

/// <summary>What every <see cref="IContactEventBus"/> must do; each implementation runs it (in-process now, Redis next).</summary>
public abstract class ContactEventBusSpec : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected IContactEventBus Bus { get; private set; } = null!;

    public async Task InitializeAsync() => Bus = await CreateBusAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IContactEventBus> CreateBusAsync();

    [Fact]
    public async Task Every_subscriber_gets_each_published_event_in_order()
    {
        var first = new Recorder(3);
        var second = new Recorder(3);
        using var a = Bus.Subscribe(first.Add);
        using var b = Bus.Subscribe(second.Add);

        Bus.Publish(new MessageStored("c1", 1, "visitor"));
        Bus.Publish(new ContactRequestStored("c1", 7));
        Bus.Publish(new TakeoverChanged("c1", true));

        Assert.Equal(await first.AllAsync(), await second.AllAsync());
        Assert.Equal(
            [new MessageStored("c1", 1, "visitor"), new ContactRequestStored("c1", 7), new TakeoverChanged("c1", true)],
            await first.AllAsync());
    }

    [Fact]
    public async Task A_disposed_subscription_gets_nothing_more()
    {
        var kept = new Recorder(1);
        var dropped = new Recorder(1);
        using var keep = Bus.Subscribe(kept.Add);
        var drop = Bus.Subscribe(dropped.Add);

        drop.Dispose();
        drop.Dispose();
        Bus.Publish(new ConversationUpdated("c1"));

        await kept.AllAsync();
        Assert.Empty(dropped.Seen);
    }

    [Fact]
    public async Task A_throwing_subscriber_does_not_stop_the_others()
    {
        var healthy = new Recorder(1);
        using var broken = Bus.Subscribe(_ => throw new InvalidOperationException("closed tab"));
        using var ok = Bus.Subscribe(healthy.Add);

        Bus.Publish(new VisitorConnected("c1", "client"));

        Assert.Single(await healthy.AllAsync());
    }

    [Fact]
    public async Task A_local_subscription_gets_the_events_published_here()
    {
        var local = new Recorder(2);
        using var subscription = Bus.SubscribeLocal(local.Add);

        Bus.Publish(new ContactRequestStored("c1", 3));
        Bus.Publish(new OwnerAttentionNeeded("c1", OwnerAttentionReason.ContactRequest, "call me", DateTimeOffset.UnixEpoch, RequestId: 3));

        Assert.Equal(
            [new ContactRequestStored("c1", 3), new OwnerAttentionNeeded("c1", OwnerAttentionReason.ContactRequest, "call me", DateTimeOffset.UnixEpoch, RequestId: 3)],
            await local.AllAsync());
    }

    /// <summary>Collects events and completes once it has the expected number.</summary>
    protected sealed class Recorder(int expected)
    {
        private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<ContactEvent> Seen { get; } = [];

        public void Add(ContactEvent change)
        {
            lock (Seen)
            {
                Seen.Add(change);
                if (Seen.Count == expected)
                {
                    _complete.TrySetResult();
                }
            }
        }

        public async Task<List<ContactEvent>> AllAsync()
        {
            await _complete.Task.WaitAsync(Patience);
            lock (Seen)
            {
                return [.. Seen];
            }
        }
    }
}
