namespace BlazorContact.Bench;

/// <summary>Percentiles of a set of latencies, in milliseconds (nearest-rank on the sorted list).</summary>
internal sealed record LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary From(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN);
        }

        milliseconds.Sort();
        return new LatencySummary(milliseconds.Count, Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99), milliseconds[^1]);
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
