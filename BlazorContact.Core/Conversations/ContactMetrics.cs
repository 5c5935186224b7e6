using System.Diagnostics.Metrics;

namespace BlazorContact.Core.Conversations;

/// <summary>Counters exported under the meter <c>BlazorContact</c> (dotnet-counters, OpenTelemetry).</summary>
internal static class ContactMetrics
{
    private static readonly Meter Meter = new("BlazorContact");

    /// <summary>Rejected inputs, tagged with the error code.</summary>
    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("blazorcontact.errors", description: "Rejected visitor inputs by error code");
}
