namespace BlazorContact.Core.Events;

/// <summary>
/// The seam between what happened and who wants to know: the owner's inbox circuits and the
/// notifiers subscribe; the visitor and owner paths publish after each stored change. The in-process
/// bus ships today; a cross-instance bus (Redis) implements the same contract, so callers don't change.
/// </summary>
/// <remarks>
/// A cross-instance bus is at-most-once between instances; when it may have lost events (its connection came
/// back) it publishes <see cref="EventsMayHaveBeenMissed"/> to this instance's subscribers, which re-read.
/// </remarks>
public interface IContactEventBus
{
    /// <summary>Hands the event to every subscriber. Never throws and never waits on a subscriber's work.</summary>
    void Publish(ContactEvent change);

    /// <summary>
    /// Calls <paramref name="handler"/> for each event from now on, until the returned handle is disposed
    /// (dispose it with the component or service that subscribed, or it leaks). Handlers run on the
    /// publisher's thread: they must be quick (queue work, then return) and should not throw.
    /// </summary>
    IDisposable Subscribe(Action<ContactEvent> handler);

    /// <summary>
    /// Like <see cref="Subscribe"/>, but only for events published on this instance. The notifiers use it: each
    /// instance notifies about what happened on it, so an event is emailed once, not once per instance. On a
    /// single instance it is the same as <see cref="Subscribe"/>.
    /// </summary>
    IDisposable SubscribeLocal(Action<ContactEvent> handler);
}
