using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BlazorContact.Bench;

/// <summary>The report, a section per phase, added as each phase ends so a failed run still says what it measured.</summary>
internal sealed class MarkdownReport
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _notes = [];

    public MarkdownReport(BenchOptions options)
    {
        Line("# BlazorContact benchmark");
        Line();
        Line($"- **Date:** {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line($"- **Machine:** {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGigabytes()} GB RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line($"- **Server:** `BlazorContact.Web.dll` (Release) in its own process on 127.0.0.1, started fresh for sections 1–2, 3 and 4; " +
             $"SQLite in WAL mode with `synchronous=FULL` (every commit fsynced) on {FileSystemOf(Path.GetTempPath())}; rate limit off; log level Warning");
        Line($"- **Client:** this bench, on the same {Environment.ProcessorCount} cores as the server (so every number includes the client's own CPU); " +
             $"open-file limit {OpenFileLimit()}; load average before the run {LoadAverage()}");
        Line($"- **Method:** closed loop: each client sends, waits for the answer, repeats. " +
             $"{Seconds(options.Warmup)} warm-up, then {Seconds(options.Measure)} measured per row; a round trip counts when it finishes inside the window; " +
             "percentiles by nearest rank over all of them");
        Line();
    }

    public void AddPing(IReadOnlyList<LoadResult> rows)
    {
        Line("## 1. Baseline: ping → pong");
        Line();
        Line("| Clients | Round trips/s | p50 (ms) | p99 (ms) | Errors |");
        Line("|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Line($"| {row.Clients:N0} | {row.RoundTripsPerSecond:N0} | {Ms(row.Full.P50)} | {Ms(row.Full.P99)} | {row.Errors} |");
        }

        Line();
        NoteProblems("ping", rows);
    }

    public void AddChat(IReadOnlyList<LoadResult> rows, IReadOnlyList<LoadResult> ping)
    {
        Line("## 2. Durable chat round trips");
        Line();
        Line("`chat_message` → `chat_message_received` (sent after the message is committed) → the assistant's `chat_message` (committed too): " +
             "two fsynced writes and one assistant answer per round trip. *Ack* is the time to the acknowledgement, *full* to the reply.");
        Line();
        Line("| Clients | Round trips/s | Ack p50 (ms) | Ack p99 (ms) | Full p50 (ms) | Full p99 (ms) | vs ping | Errors |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var baseline = ping.FirstOrDefault(p => p.Clients == row.Clients);
            var ratio = baseline is null ? "—" : Ratio(row.RoundTripsPerSecond / baseline.RoundTripsPerSecond);
            Line($"| {row.Clients:N0} | {row.RoundTripsPerSecond:N0} | {Ms(row.Ack!.P50)} | {Ms(row.Ack.P99)} | {Ms(row.Full.P50)} | {Ms(row.Full.P99)} | {ratio} | {row.Errors} |");
        }

        Line();
        NoteProblems("chat", rows);
    }

    public void AddGroupCommit(LoadResult grouped, LoadResult oneByOne)
    {
        Line("## 3. Group commit");
        Line();
        Line($"The chat test at {grouped.Clients:N0} clients against a server that commits every write on its own (`Storage__MaxBatchSize=1`, a fresh server and database) " +
             "compared with the default grouped commits (section 2).");
        Line();
        Line("| Storage | Clients | Round trips/s | Ack p50 (ms) | Ack p99 (ms) | Full p99 (ms) | Relative |");
        Line("|---|---:|---:|---:|---:|---:|---:|");
        Line($"| grouped (default `MaxBatchSize=256`) | {grouped.Clients:N0} | {grouped.RoundTripsPerSecond:N0} | {Ms(grouped.Ack!.P50)} | {Ms(grouped.Ack.P99)} | {Ms(grouped.Full.P99)} | 1.00× |");
        Line($"| one write per commit (`MaxBatchSize=1`) | {oneByOne.Clients:N0} | {oneByOne.RoundTripsPerSecond:N0} | {Ms(oneByOne.Ack!.P50)} | {Ms(oneByOne.Ack.P99)} | {Ms(oneByOne.Full.P99)} | {Ratio(oneByOne.RoundTripsPerSecond / grouped.RoundTripsPerSecond)} |");
        Line();
        Line($"Grouping gives **{Ratio(grouped.RoundTripsPerSecond / oneByOne.RoundTripsPerSecond)}** the durable throughput of one commit per write at {grouped.Clients:N0} clients.");
        Line();
        NoteProblems("group commit", [oneByOne]);
    }

    public void AddIdle(IReadOnlyList<IdleMeasurement> rows, int failures, string? firstError)
    {
        Line("## 4. Idle connections");
        Line();
        Line("Server RSS (VmRSS from `/proc/<pid>/status`) on a fresh server: first after one client connected and left, then with idle connections held open " +
             "(each read its `connection_established` and keeps a receive pending). Read after a settling pause.");
        Line();
        Line("| Idle connections | Server RSS (MB) | Per connection vs 0 (KB) | Server open files | Time to open |");
        Line("|---:|---:|---:|---:|---:|");
        var baseline = rows.Count > 0 ? rows[0] : null;
        foreach (var row in rows)
        {
            var perConnection = row.Connections == 0 || baseline is null
                ? "—"
                : ((row.RssKilobytes - baseline.RssKilobytes) / (double)row.Connections).ToString("0.0", CultureInfo.InvariantCulture);
            var openTime = row.Connections == 0 ? "—" : $"{row.OpenTime.TotalSeconds:0.0} s";
            Line($"| {row.Connections:N0} | {row.RssKilobytes / 1024.0:0.0} | {perConnection} | {row.ServerOpenFiles:N0} | {openTime} |");
        }

        Line();
        Line("At zero connections the server's open files are the runtime's own, mostly its loaded assemblies; each connection adds one socket.");
        Line();
        if (failures > 0)
        {
            _notes.Add($"Idle connections: {failures} failed to open; the first: {firstError}");
        }
    }

    public void AddAbort(string phase, string problem) => _notes.Add($"**The run stopped during {phase}:** {problem}");

    public override string ToString()
    {
        var text = new StringBuilder(_text.ToString());
        text.AppendLine("## Notes");
        text.AppendLine();
        foreach (var note in _notes.DefaultIfEmpty("No errors: every client finished every phase, and every validated frame passed `ServerMessageValidator`."))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        return text.ToString();
    }

    private void NoteProblems(string phase, IEnumerable<LoadResult> rows)
    {
        foreach (var row in rows.Where(r => r.Errors > 0))
        {
            _notes.Add($"{phase}, {row.Clients} clients: {row.Errors} client(s) stopped early; the first because: {row.FirstError}");
        }
    }

    private void Line(string text = "") => _text.AppendLine(text);

    private static string Ms(double milliseconds) => double.IsNaN(milliseconds)
        ? "—"
        : milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString(ratio < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "×";

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s";

    private static string CpuModel() =>
        ReadProc("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static string MemoryGigabytes()
    {
        var line = ReadProc("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kilobytes = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (kilobytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static string LoadAverage() => string.Join(" ", ReadProc("/proc/loadavg").FirstOrDefault()?.Split(' ').Take(3) ?? ["unknown"]);

    private static string OpenFileLimit() =>
        ReadProc("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))
            ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] ?? "unknown";

    /// <summary>"ext4 (/dev/vda)": fsync cost depends on it, so the reader needs it to judge section 3.</summary>
    private static string FileSystemOf(string path)
    {
        var full = Path.GetFullPath(path);
        var mount = ReadProc("/proc/mounts")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 2 && full.StartsWith(f[1], StringComparison.Ordinal))
            .MaxBy(f => f[1].Length);
        return mount is null ? $"`{full}`" : $"{mount[2]} ({mount[0]}, `{full}`)";
    }

    private static IEnumerable<string> ReadProc(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
