using System.Text;
using System.Text.RegularExpressions;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// Cuts a post into passages: a new passage at every heading, and within a section whole
/// paragraphs packed up to <see cref="TargetLength"/> characters, so an answer is one readable
/// piece. A fenced code block stays whole and joins the paragraph before it, which is usually the
/// sentence introducing it ("add this to your template:").
/// </summary>
internal static partial class PassageSplitter
{
    /// <summary>
    /// Paragraphs are packed into one passage while it stays under this many characters: the most an
    /// answer shows whole (see <see cref="AnswerText.Excerpt"/>).
    /// </summary>
    public const int TargetLength = AnswerText.MaxExcerptLength * 5 / 4;

    /// <summary>A paragraph shorter than this always stays with the one before it, whatever the length.</summary>
    public const int MinimumLength = 80;

    /// <summary>Splits one post into passages in reading order.</summary>
    public static List<Passage> Split(MarkdownPost post)
    {
        var passages = new List<Passage>();
        var paragraphs = new List<string>();
        var paragraph = new StringBuilder();
        var headings = new string?[6];
        StringBuilder? code = null;
        var fence = "";

        foreach (var line in post.Body.ReplaceLineEndings("\n").Split('\n'))
        {
            if (code is not null)
            {
                if (line.TrimStart().StartsWith(fence, StringComparison.Ordinal) && line.Trim().Trim(fence[0]).Length == 0)
                {
                    AttachCode(code.ToString().TrimEnd('\n'));
                    code = null;
                }
                else
                {
                    code.Append(line).Append('\n');
                }
                continue;
            }

            var fenceMatch = FenceOpening().Match(line);
            if (fenceMatch.Success)
            {
                EndParagraph();
                fence = fenceMatch.Groups[1].Value;
                code = new StringBuilder();
            }
            else if (Heading().Match(line) is { Success: true } headingMatch)
            {
                EndSection();
                var level = headingMatch.Groups[1].Length - 1;
                headings[level] = MarkdownText.ToPlain(headingMatch.Groups[2].Value);
                Array.Clear(headings, level + 1, headings.Length - level - 1);
            }
            else if (string.IsNullOrWhiteSpace(line) || ThematicBreak().IsMatch(line))
            {
                EndParagraph();
            }
            else
            {
                AppendLine(MarkdownText.ToPlain(line), StartsBlock(line));
            }
        }
        if (code is not null)
        {
            // An unclosed fence runs to the end of the file, as in CommonMark.
            AttachCode(code.ToString().TrimEnd('\n'));
        }
        EndSection();
        return passages;

        void AppendLine(string text, bool startsBlock)
        {
            if (paragraph.Length > 0)
            {
                var joinsCjk = Tokenizer.IsCjk(paragraph[^1]) && text.Length > 0 && Tokenizer.IsCjk(text[0]);
                paragraph.Append(startsBlock ? "\n" : joinsCjk ? "" : " ");
            }
            paragraph.Append(text);
        }

        void AttachCode(string text)
        {
            if (paragraphs.Count > 0)
            {
                paragraphs[^1] += "\n" + text;
            }
            else
            {
                paragraphs.Add(text);
            }
        }

        void EndParagraph()
        {
            if (paragraph.Length > 0)
            {
                paragraphs.Add(paragraph.ToString());
                paragraph.Clear();
            }
        }

        void EndSection()
        {
            EndParagraph();
            var packed = new StringBuilder();
            foreach (var text in paragraphs)
            {
                // A short paragraph ("then reload nginx.") only makes sense after what precedes it.
                if (packed.Length > 0 && packed.Length + text.Length > TargetLength && text.Length >= MinimumLength)
                {
                    Emit(packed.ToString());
                    packed.Clear();
                }
                packed.Append(packed.Length > 0 ? "\n" : "").Append(text);
            }
            if (packed.Length > 0)
            {
                Emit(packed.ToString());
            }
            paragraphs.Clear();
        }

        void Emit(string text)
        {
            // The whole heading path, so a subsection is still found by its parent's words.
            var path = string.Join(" › ", headings.Where(heading => heading is not null));
            passages.Add(new Passage(post.Title, post.Url, path.Length > 0 ? path : null, text, post.Tags));
        }
    }

    /// <summary>List items and table rows keep their own line; other wrapped lines are one sentence flow.</summary>
    private static bool StartsBlock(string line) => ListItemOrRow().IsMatch(line);

    [GeneratedRegex(@"^\s{0,3}(```+|~~~+)")]
    private static partial Regex FenceOpening();

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}([-*_])(\s*\1){2,}\s*$")]
    private static partial Regex ThematicBreak();

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)]|\|)\s*")]
    private static partial Regex ListItemOrRow();
}
