using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// The YAML front matter of a Markdown post (between <c>---</c> lines at the top) and the body after
/// it. Scalars and lists of scalars are read; YAML that does not parse leaves every field unset
/// rather than hiding the post, which then takes its defaults; <see cref="Problem"/> says why, for the log.
/// </summary>
internal sealed class FrontMatter
{
    private readonly Dictionary<string, IReadOnlyList<string>> fields;

    private FrontMatter(Dictionary<string, IReadOnlyList<string>> fields, string body, string? problem = null)
    {
        this.fields = fields;
        Body = body;
        Problem = problem;
    }

    /// <summary>Why the YAML could not be read (line and column included), or null when it was read.</summary>
    public string? Problem { get; }

    /// <summary>The Markdown after the closing <c>---</c> (the whole text when there is no front matter).</summary>
    public string Body { get; }

    /// <summary>A scalar value by case-insensitive key, or null; for a list, its first item.</summary>
    public string? Scalar(string key) =>
        fields.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>A list value by case-insensitive key; a scalar reads as a one-item list, a missing key as empty.</summary>
    public IReadOnlyList<string> List(string key) => fields.TryGetValue(key, out var values) ? values : [];

    /// <summary>Splits <paramref name="text"/> into front matter and body.</summary>
    public static FrontMatter Parse(string text)
    {
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        var end = lines[0].TrimEnd() == "---" ? Array.FindIndex(lines, 1, line => line.TrimEnd() is "---" or "...") : -1;
        // Without a closing line the opening "---" is more likely a thematic break than front matter.
        return end < 0
            ? new FrontMatter(new(StringComparer.OrdinalIgnoreCase), string.Join('\n', lines))
            : Read(string.Join('\n', lines[1..end]), string.Join('\n', lines[(end + 1)..]));
    }

    private static FrontMatter Read(string yaml, string body)
    {
        try
        {
            return new FrontMatter(Fields(yaml), body);
        }
        catch (YamlException ex)
        {
            return new FrontMatter(new(StringComparer.OrdinalIgnoreCase), body, ex.Message);
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> Fields(string yaml)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode mapping)
        {
            return fields;
        }
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                IEnumerable<string?> values = value switch
                {
                    YamlScalarNode scalar => [scalar.Value],
                    YamlSequenceNode sequence => sequence.OfType<YamlScalarNode>().Select(item => item.Value),
                    _ => [],
                };
                // Empty values ("title:") count as unset, so the defaults apply.
                fields[name] = values.OfType<string>().Where(item => item.Length > 0).ToList();
            }
        }
        return fields;
    }
}
