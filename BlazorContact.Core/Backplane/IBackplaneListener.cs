namespace BlazorContact.Core.Backplane;

/// <summary>What the Redis fan-out and event bus take from the backplane: other instances' messages, and its clock.</summary>
internal interface IBackplaneListener
{
    /// <summary>A message another instance published. Runs on the subscription's single thread, in channel order: be quick.</summary>
    void Receive(BackplaneEnvelope envelope);

    /// <summary>Periodic work (reconciliation, presence heartbeat) and the resync after a reconnection or repair.</summary>
    Task TickAsync(BackplaneTick tick, CancellationToken cancellationToken);
}

/// <summary>What is due on this tick.</summary>
/// <param name="Resynced">The subscription works again after an outage or repair: anything published meanwhile may be lost.</param>
internal readonly record struct BackplaneTick(bool Reconcile, bool Heartbeat, bool Resynced);
