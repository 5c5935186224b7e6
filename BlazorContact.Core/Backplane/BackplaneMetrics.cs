using System.Diagnostics.Metrics;

namespace BlazorContact.Core.Backplane;

/// <summary>Backplane instruments under the meter <c>BlazorContact</c> (gaps repaired are counted by the fan-out).</summary>
internal static class BackplaneMetrics
{
    private static readonly Meter Meter = new("BlazorContact");

    /// <summary>Publish to receive, tagged <c>kind</c>: <c>probe</c> (own probes) or what another instance sent.</summary>
    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "blazorcontact.backplane.lag", unit: "ms", description: "Time from publish on one instance to receipt over Redis");

    /// <summary>Messages dropped from a full outbox (Redis down for long); the store is the log, reconciliation repairs.</summary>
    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "blazorcontact.backplane.dropped", unit: "{message}", description: "Backplane messages dropped from a full outbox");

    /// <summary>Repairs of a subscription that went silent while its connection looked up.</summary>
    public static readonly Counter<long> Repairs = Meter.CreateCounter<long>(
        "blazorcontact.backplane.repairs", unit: "{repair}", description: "Reconnections after own probes stopped coming back");
}
