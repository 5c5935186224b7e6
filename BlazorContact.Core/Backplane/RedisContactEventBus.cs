using BlazorContact.Core.Events;
using Microsoft.Extensions.Logging;

namespace BlazorContact.Core.Backplane;

/// <summary>
/// The event bus across instances: an event is handed to this instance's subscribers at once and published for
/// the others, whose <see cref="Subscribe"/>rs (inbox circuits) get it too; <see cref="SubscribeLocal"/>rs (the
/// notifiers) get only this instance's, so the owner is notified once per event. After the backplane was down
/// or repaired, subscribers get <see cref="EventsMayHaveBeenMissed"/> and re-read.
/// </summary>
public sealed class RedisContactEventBus : IContactEventBus, IBackplaneListener
{
    private readonly RedisBackplane _backplane;
    private readonly InProcessContactEventBus _everywhere;
    private readonly InProcessContactEventBus _here;

    public RedisContactEventBus(RedisBackplane backplane, ILogger<InProcessContactEventBus> logger)
    {
        _backplane = backplane;
        _everywhere = new InProcessContactEventBus(logger);
        _here = new InProcessContactEventBus(logger);
        backplane.AddListener(this);
    }

    public void Publish(ContactEvent change)
    {
        _everywhere.Publish(change);
        _here.Publish(change);
        if (change is EventsMayHaveBeenMissed)
        {
            // About this instance's own subscription: never sent to the others.
            return;
        }

        _backplane.Publish(_backplane.Envelope(BackplaneEnvelope.EventKind) with { Event = change });
    }

    public IDisposable Subscribe(Action<ContactEvent> handler) => _everywhere.Subscribe(handler);

    public IDisposable SubscribeLocal(Action<ContactEvent> handler) => _here.Subscribe(handler);

    void IBackplaneListener.Receive(BackplaneEnvelope envelope)
    {
        if (envelope.Event is { } change and not EventsMayHaveBeenMissed)
        {
            _everywhere.Publish(change);
        }
    }

    Task IBackplaneListener.TickAsync(BackplaneTick tick, CancellationToken cancellationToken)
    {
        if (tick.Resynced)
        {
            _everywhere.Publish(new EventsMayHaveBeenMissed());
        }

        return Task.CompletedTask;
    }
}
