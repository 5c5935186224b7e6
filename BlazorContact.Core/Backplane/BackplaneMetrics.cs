using System.Diagnostics.Metrics;

namespace BlazorContact.Core.Backplane;

/// <summary>Backplane instruments under the meter <c>BlazorContact</c> (gaps repaired are counted by the fan-out).</summary>
internal static class BackplaneMetrics
{
    private static readonly Meter Meter = new("BlazorContact");

    /// <summary>Publish to receive, tagged <c>kind</c>: <c>probe</c> (own probes) or what another instance sent.</summary>
    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "blazorcontact.backplane.lag", unit: "s", description: "Time from publish on one instance to receipt over Redis (clocks of two machines: millisecond resolution)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Messages dropped from a full outbox (Redis down for long); the store is the log, reconciliation repairs.</summary>
    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "blazorcontact.backplane.dropped", unit: "{message}", description: "Backplane messages dropped from a full outbox");

    /// <summary>Repairs of a subscription that went silent while its connection looked up.</summary>
    public static readonly Counter<long> Repairs = Meter.CreateCounter<long>(
        "blazorcontact.backplane.repairs", unit: "{repair}", description: "Reconnections after own probes stopped coming back");
}
