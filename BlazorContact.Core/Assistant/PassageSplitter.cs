using System.Text;
using Markdig.Syntax;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// Cuts a post into passages: a new passage at every heading, and within a section whole
/// paragraphs packed up to <see cref="TargetLength"/> characters, so an answer is one readable
/// piece. A code block stays whole and joins the paragraph before it, which is usually the
/// sentence introducing it ("add this to your template:").
/// </summary>
internal static class PassageSplitter
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
        var body = post.Body.ReplaceLineEndings("\n");
        var passages = new List<Passage>();
        var paragraphs = new List<string>();
        var paragraph = new StringBuilder();
        var headings = new string?[6];
        var paragraphEnd = 0;

        Walk(MarkdownText.Parse(body));
        EndSection();
        return passages;

        void Walk(ContainerBlock container)
        {
            foreach (var block in container)
            {
                switch (block)
                {
                    case HeadingBlock heading:
                        EndSection();
                        headings[heading.Level - 1] = ToLine(MarkdownText.ToPlain(heading.Inline));
                        Array.Clear(headings, heading.Level, headings.Length - heading.Level);
                        break;
                    case CodeBlock code:
                        EndParagraph();
                        AttachCode(code.Lines.ToString().TrimEnd('\n'));
                        break;
                    case ParagraphBlock text:
                        Append(text, ListMarker(text) + ToLine(MarkdownText.ToPlain(text.Inline)));
                        break;
                    case HtmlBlock html:
                        // Raw HTML in a post is shown as written, as any other text.
                        Append(html, ToLine(html.Lines.ToString()));
                        break;
                    case ThematicBreakBlock:
                        EndParagraph();
                        break;
                    case ContainerBlock children:
                        // Lists and quotes; link reference definitions are not text and are skipped.
                        Walk(children);
                        break;
                }
            }
        }

        // Blocks with no blank line between them (a sentence and the list it introduces, the items of
        // a tight list) are one paragraph, each on its own line.
        void Append(Block block, string text)
        {
            if (paragraph.Length > 0 && body.AsSpan(paragraphEnd, Math.Max(0, block.Span.Start - paragraphEnd)).Count('\n') > 1)
            {
                EndParagraph();
            }
            paragraph.Append(paragraph.Length > 0 ? "\n" : "").Append(text);
            paragraphEnd = block.Span.End;
        }

        void AttachCode(string text)
        {
            if (text.Length == 0)
            {
                return;
            }
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

    /// <summary>"- " or "1. " before the first paragraph of a list item, so items read as a list.</summary>
    private static string ListMarker(ParagraphBlock paragraph) =>
        paragraph.Parent is ListItemBlock item && item[0] == paragraph && item.Parent is ListBlock list
            ? list.IsOrdered ? $"{item.Order}{list.OrderedDelimiter} " : "- "
            : "";

    /// <summary>
    /// Joins a paragraph's wrapped lines into one flowing line: with a space, with nothing between
    /// Chinese characters (which use no spaces), and table rows keep their own lines.
    /// </summary>
    private static string ToLine(string text)
    {
        var joined = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            if (joined.Length > 0)
            {
                var joinsCjk = Tokenizer.IsCjk(joined[^1]) && Tokenizer.IsCjk(trimmed[0]);
                joined.Append(trimmed.StartsWith('|') ? "\n" : joinsCjk ? "" : " ");
            }
            joined.Append(trimmed);
        }
        return joined.ToString();
    }
}
