using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Events;

/// <summary>Subscribers in this process, kept in a copy-on-write array so publishing takes no lock.</summary>
public sealed partial class InProcessContactEventBus(ILogger<InProcessContactEventBus> logger) : IContactEventBus
{
    private readonly Lock _gate = new();
    private Action<ContactEvent>[] _handlers = [];

    public void Publish(ContactEvent change)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                // A broken subscriber (a closed inbox tab) must not stop delivery to the others.
                Log.SubscriberFailed(logger, change.GetType().Name, ex);
            }
        }
    }

    public IDisposable Subscribe(Action<ContactEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>Every event here is local.</summary>
    public IDisposable SubscribeLocal(Action<ContactEvent> handler) => Subscribe(handler);

    private void Unsubscribe(Action<ContactEvent> handler)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_handlers, handler);
            if (index >= 0)
            {
                _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(InProcessContactEventBus bus, Action<ContactEvent> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                bus.Unsubscribe(handler);
            }
        }
    }
}
