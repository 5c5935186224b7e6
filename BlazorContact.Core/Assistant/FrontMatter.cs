using System.Text;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// The YAML front matter of a Markdown post and the body after it. Only the subset posts use is
/// understood: <c>key: value</c>, single- or double-quoted values, inline lists <c>[a, b]</c> and
/// dash lists; anything else is read as plain text rather than rejected, so one odd line never
/// hides a post.
/// </summary>
internal sealed class FrontMatter
{
    private readonly Dictionary<string, IReadOnlyList<string>> fields;

    private FrontMatter(Dictionary<string, IReadOnlyList<string>> fields, string body)
    {
        this.fields = fields;
        Body = body;
    }

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
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return new FrontMatter(fields, string.Join('\n', lines));
        }

        var end = Array.FindIndex(lines, 1, line => line.TrimEnd() is "---" or "...");
        if (end < 0)
        {
            // An unclosed block is more likely a thematic break than front matter.
            return new FrontMatter(fields, string.Join('\n', lines));
        }

        List<string>? openList = null;
        for (var i = 1; i < end; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }
            if (openList is not null && trimmed.StartsWith('-'))
            {
                openList.Add(Unquote(trimmed[1..].Trim()));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (value.Length == 0)
            {
                openList = [];
                fields[key] = openList;
            }
            else
            {
                openList = null;
                fields[key] = value.StartsWith('[') && value.EndsWith(']')
                    ? SplitInlineList(value[1..^1])
                    : [Unquote(value)];
            }
        }

        return new FrontMatter(fields, string.Join('\n', lines[(end + 1)..]));
    }

    private static List<string> SplitInlineList(string inner)
    {
        var items = new List<string>();
        var item = new StringBuilder();
        char? quote = null;
        foreach (var c in inner)
        {
            if (quote is null && c == ',')
            {
                AddItem();
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = quote is null ? c : quote == c ? null : quote;
            }
            item.Append(c);
        }
        AddItem();
        return items;

        void AddItem()
        {
            var value = Unquote(item.ToString().Trim());
            if (value.Length > 0)
            {
                items.Add(value);
            }
            item.Clear();
        }
    }

    /// <summary>Removes YAML quotes; unquoted values lose a trailing <c> # comment</c>.</summary>
    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            return value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal)
                .Replace("\\n", "\n", StringComparison.Ordinal)
                .Replace("\\\\", "\\", StringComparison.Ordinal);
        }
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? value[..comment].TrimEnd() : value;
    }
}
