using System.Globalization;
using System.Text.RegularExpressions;

namespace BlazorContact.Tests.Operations;

/// <summary>
/// A strict reader of the Prometheus text exposition format (0.0.4): <c># HELP</c>, <c># TYPE</c> and sample lines
/// <c>name{label="value",…} value [timestamp]</c>. Anything else fails the test, so the exporter's output is
/// checked, not just searched.
/// </summary>
public sealed partial class PrometheusText
{
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly List<Sample> _samples = [];

    private PrometheusText()
    {
    }

    public IReadOnlyDictionary<string, string> Types => _types;

    public IReadOnlyList<Sample> Samples => _samples;

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line == "# EOF")
            {
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var match = TypeLine().Match(line);
                Assert.True(match.Success, $"line {i + 1} is not a valid TYPE line: {line}");
                Assert.True(parsed._types.TryAdd(match.Groups["name"].Value, match.Groups["type"].Value), $"line {i + 1}: a second TYPE for {match.Groups["name"].Value}");
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                Assert.True(HelpLine().IsMatch(line), $"line {i + 1} is not a valid HELP line: {line}");
                continue;
            }

            Assert.False(line.StartsWith('#'), $"line {i + 1} is a comment the format does not know: {line}");
            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"line {i + 1} is not a valid sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var labelText = sample.Groups["labels"].Value;
            if (labelText.Length > 0)
            {
                var consumed = 0;
                foreach (Match label in Label().Matches(labelText))
                {
                    Assert.Equal(consumed, label.Index);
                    labels.Add(label.Groups["name"].Value, Unescape(label.Groups["value"].Value));
                    consumed = label.Index + label.Length;
                }

                Assert.True(consumed == labelText.Length, $"line {i + 1} has malformed labels: {line}");
            }

            parsed._samples.Add(new Sample(sample.Groups["name"].Value, labels, ParseValue(sample.Groups["value"].Value, i + 1)));
        }

        foreach (var sample in parsed._samples)
        {
            Assert.True(parsed.FamilyOf(sample.Name) is not null, $"sample {sample.Name} has no TYPE line");
        }

        return parsed;
    }

    /// <summary>The one sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when there is none yet).</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>Checks a histogram family's shape: cumulative buckets ending in +Inf equal to _count, for each label set.</summary>
    public void AssertHistogram(string family)
    {
        Assert.True(_types.TryGetValue(family, out var type) && type == "histogram", $"{family} is not a histogram: {(type ?? "missing")}");
        var buckets = _samples.Where(s => s.Name == family + "_bucket").ToList();
        Assert.NotEmpty(buckets);
        foreach (var series in buckets.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"))))
        {
            var previous = 0.0;
            foreach (var bucket in series)
            {
                Assert.True(bucket.Value >= previous, $"{family} buckets are not cumulative ({series.Key})");
                previous = bucket.Value;
            }

            Assert.Equal("+Inf", series.Last().Labels["le"]);
            var count = _samples.Single(s => s.Name == family + "_count"
                && string.Join(",", s.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")) == series.Key);
            Assert.Equal(count.Value, series.Last().Value);
        }
    }

    private string? FamilyOf(string sampleName)
    {
        if (_types.ContainsKey(sampleName))
        {
            return sampleName;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count", "_total" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && _types.ContainsKey(sampleName[..^suffix.Length]))
            {
                return sampleName[..^suffix.Length];
            }
        }

        return null;
    }

    private static double ParseValue(string text, int line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new Xunit.Sdk.XunitException($"line {line}: '{text}' is not a number"),
    };

    private static string Unescape(string value) => value.Replace("\\n", "\n", StringComparison.Ordinal)
        .Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)"",?")]
    private static partial Regex Label();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
