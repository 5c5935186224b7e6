using System.Text;
using System.Text.RegularExpressions;

namespace BlazorContact.Core.Assistant;

/// <summary>Turns one line of Markdown into the plain text a chat bubble can show.</summary>
internal static partial class MarkdownText
{
    /// <summary>
    /// Removes links, images, emphasis, inline-code ticks, heading hashes and quote markers, and
    /// writes list bullets as "- ". Text inside backticks is kept verbatim, because code such as
    /// <c>Contact__MaxMessageLength</c> would otherwise lose its underscores to the emphasis rule.
    /// </summary>
    public static string ToPlain(string line)
    {
        var text = BlockPrefix().Replace(line.Trim(), match => match.Groups["bullet"].Success ? "- " : "");
        var plain = new StringBuilder(text.Length);
        var parts = text.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts sit between backticks; an unmatched final tick leaves a trailing odd part, shown as is.
            plain.Append(i % 2 == 1 ? parts[i] : StripInline(parts[i]));
        }
        return plain.ToString().Trim();
    }

    private static string StripInline(string text)
    {
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = AutoLink().Replace(text, "$1");
        text = Strong().Replace(text, "$2");
        text = Emphasis().Replace(text, "$2");
        return Strikethrough().Replace(text, "$1");
    }

    [GeneratedRegex(@"^(?:#{1,6}\s+|>\s?|(?<bullet>[-*+]\s+))")]
    private static partial Regex BlockPrefix();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<((?:https?|wss?)://[^>\s]+)>")]
    private static partial Regex AutoLink();

    // Word boundaries keep snake_case and 2*3 intact; only delimiters hugging text count.
    [GeneratedRegex(@"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"~~(.+?)~~")]
    private static partial Regex Strikethrough();
}
