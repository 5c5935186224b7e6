namespace BlazorContact.Core.Events;

/// <summary>
/// The seam between what happened and who wants to know: the owner's inbox circuits and the
/// notifiers subscribe; the visitor and owner paths publish after each stored change. The in-process
/// bus ships today; a cross-instance bus (Redis) implements the same contract, so callers don't change.
/// </summary>
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
}
