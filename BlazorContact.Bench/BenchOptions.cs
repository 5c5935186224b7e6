using System.Globalization;

namespace BlazorContact.Bench;

/// <summary>The bench's command line; every phase is bounded by these numbers.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: dotnet BlazorContact.Bench.dll [options]   (bench/run.sh builds Release and passes its arguments on)
          --server PATH          the server to start (default BlazorContact.Web/bin/Release/net10.0/BlazorContact.Web.dll)
          --output PATH          where the Markdown report goes besides stdout (default bench/results.md)
          --warmup SECONDS       warm-up before each measurement (default 2)
          --measure SECONDS      measurement window of each row (default 8)
          --clients LIST         concurrent clients of the ping and chat rows (default 1,10,100)
          --group-clients N      clients of the group-commit comparison (default 100)
          --idle LIST            idle connections to hold, cumulatively (default 1000,10000)
          --idle-batch N         connections opened at a time (default 200)
          --settle SECONDS       wait before reading the server's RSS (default 3)
          --timeout SECONDS      longest wait for any reply or connect (default 10)
          --max-round-trips N    cap per row, whatever the window (default 5000000)
        quick run: --warmup 0.5 --measure 2 --idle 200,1000 --settle 1
        """;

    public string ServerDll { get; init; } = Path.Combine("BlazorContact.Web", "bin", "Release", "net10.0", "BlazorContact.Web.dll");
    public string OutputPath { get; init; } = Path.Combine("bench", "results.md");
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(8);
    public IReadOnlyList<int> Clients { get; init; } = [1, 10, 100];
    public int GroupClients { get; init; } = 100;
    public IReadOnlyList<int> IdleCounts { get; init; } = [1_000, 10_000];
    public int IdleBatch { get; init; } = 200;
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public long MaxRoundTrips { get; init; } = 5_000_000;

    /// <summary>Opening idle connections stops after this long, whatever the count.</summary>
    public TimeSpan IdleOpenLimit { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>The options, or a sentence saying what is wrong with the command line.</summary>
    public static (BenchOptions? Options, string? Problem) Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return (null, $"{args[i]} needs a value");
            }

            var value = args[i + 1];
            try
            {
                options = args[i] switch
                {
                    "--server" => options with { ServerDll = value },
                    "--output" => options with { OutputPath = value },
                    "--warmup" => options with { Warmup = Seconds(value, allowZero: true) },
                    "--measure" => options with { Measure = Seconds(value, allowZero: false) },
                    "--clients" => options with { Clients = Counts(value, max: 1_000) },
                    "--group-clients" => options with { GroupClients = Count(value, max: 1_000) },
                    "--idle" => options with { IdleCounts = Counts(value, max: 15_000) },
                    "--idle-batch" => options with { IdleBatch = Count(value, max: 1_000) },
                    "--settle" => options with { Settle = Seconds(value, allowZero: true) },
                    "--timeout" => options with { Timeout = Seconds(value, allowZero: false) },
                    "--max-round-trips" => options with { MaxRoundTrips = Count(value, max: 100_000_000) },
                    _ => throw new FormatException($"unknown option {args[i]}"),
                };
            }
            catch (FormatException ex)
            {
                return (null, ex.Message);
            }
        }

        return (options, null);
    }

    private static TimeSpan Seconds(string value, bool allowZero) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds <= 600 && (seconds > 0 || (allowZero && seconds == 0))
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"'{value}' is not a number of seconds between 0 and 600");

    private static int Count(string value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 && count <= max
            ? count
            : throw new FormatException($"'{value}' is not a whole number between 1 and {max}");

    // Idle counts are cumulative targets, so they must grow.
    private static int[] Counts(string value, int max)
    {
        var counts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => Count(c, max)).ToArray();
        return counts.Length > 0 && counts.SequenceEqual(counts.Order())
            ? counts
            : throw new FormatException($"'{value}' must be a growing list like 1,10,100");
    }
}
