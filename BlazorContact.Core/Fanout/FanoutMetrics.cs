using System.Diagnostics.Metrics;

namespace BlazorContact.Core.Fanout;

/// <summary>Delivery instruments, under the meter <c>BlazorContact</c> with the rest.</summary>
internal static class FanoutMetrics
{
    private static readonly Meter Meter = new("BlazorContact");

    /// <summary>
    /// Replies a connection was missing (a gap in the reply chain, a reconciliation or an acknowledgement that found
    /// the connection behind) and that were then re-read from the store and queued. Tagged with why.
    /// </summary>
    public static readonly Counter<long> GapsRepaired = Meter.CreateCounter<long>(
        "blazorcontact.backplane.gaps_repaired", unit: "{reply}", description: "Replies a connection missed and got from the store");
}
