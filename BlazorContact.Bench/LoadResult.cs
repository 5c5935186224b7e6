namespace BlazorContact.Bench;

/// <summary>One row of a load phase: round trips completed inside the measurement window.</summary>
/// <param name="Ack">Latency to the acknowledgement, for exchanges that have one.</param>
/// <param name="Errors">Clients that stopped on a timeout, a dropped socket or a wrong frame.</param>
/// <param name="ExchangesValidated">
/// Exchanges whose frames were checked with ServerMessageValidator: each client's connection_established
/// and first round trip (checking every frame would make the bench measure the validator).
/// </param>
internal sealed record LoadResult(
    int Clients, TimeSpan Window, long RoundTrips, LatencySummary Full, LatencySummary? Ack, int Errors, string? FirstError, int ExchangesValidated)
{
    public double RoundTripsPerSecond => RoundTrips / Window.TotalSeconds;
}
