using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// Turns an HTML page into the Markdown subset <see cref="PassageSplitter"/> reads, so HTML posts are
/// chunked by the same rules as Markdown ones: <c>h1</c>–<c>h6</c> become <c>#</c> headings, block
/// elements become paragraphs, <c>li</c> list items, <c>pre</c> a fenced block kept verbatim and inline
/// <c>code</c> backticks. Scripts, styles, comments and page furniture (<c>nav</c>, <c>footer</c>,
/// <c>aside</c>, <c>form</c>) are dropped, and when the page has an <c>article</c> or <c>main</c>
/// element only its content is read. AngleSharp parses as browsers do, so malformed pages still read.
/// </summary>
internal static class HtmlText
{
    /// <summary>
    /// Elements whose content is not post text: navigation and chrome repeated on every page (indexing
    /// them would make every page match "home" or "archive"), and code, styles and embedded objects.
    /// </summary>
    // The parser lowercases HTML element names, so the sets below compare ordinally.
    private static readonly HashSet<string> SkippedElements = new(StringComparer.Ordinal)
    {
        "nav", "footer", "aside", "form", "button", "select", "head",
        "script", "style", "noscript", "template", "textarea", "svg", "iframe", "object", "title",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "header", "ul", "ol", "dl", "dt", "dd", "table", "thead",
        "tbody", "tr", "blockquote", "figure", "figcaption", "hr", "body", "html", "details", "summary",
        "address", "center",
    };

    /// <summary>Parses a page or fragment; never throws.</summary>
    /// <remarks>A parser per page: AngleSharp's parser is not thread-safe, and feed pages are read in parallel.</remarks>
    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The body of <paramref name="html"/> as Markdown: headings, paragraphs, list items and fenced code.</summary>
    public static string ToMarkdown(string html) => ToMarkdown(Parse(html));

    /// <summary>The content of the first <c>article</c>, else of <c>main</c>, else of the whole page, as Markdown.</summary>
    public static string ToMarkdown(IDocument document)
    {
        var output = new StringBuilder();
        var line = new StringBuilder();
        var headingLevel = 0;
        Write(document.QuerySelector("article") ?? document.QuerySelector("main") ?? document.DocumentElement);
        EndLine();
        return output.ToString().Trim('\n');

        void Write(INode node)
        {
            if (node is IText text)
            {
                AppendCollapsed(text.Data);
                return;
            }
            if (node is not IElement element || SkippedElements.Contains(element.LocalName))
            {
                return;
            }
            var name = element.LocalName;
            switch (name)
            {
                case "pre":
                    EndLine();
                    WriteCode(CodeText(element));
                    return;
                case "br":
                    FlushLine();
                    return;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    EndLine();
                    headingLevel = name[1] - '0';
                    WriteChildren(element);
                    EndLine();
                    headingLevel = 0;
                    return;
                case "li":
                    FlushLine();
                    line.Append("- ");
                    WriteChildren(element);
                    return;
                case "code" or "kbd":
                    // Backticks keep identifiers such as snake_case safe from the Markdown emphasis rules.
                    line.Append('`');
                    WriteChildren(element);
                    line.Append('`');
                    return;
                case "td" or "th":
                    AppendCollapsed(" ");
                    WriteChildren(element);
                    AppendCollapsed(" ");
                    return;
            }
            var block = BlockElements.Contains(name);
            if (block)
            {
                EndLine();
            }
            WriteChildren(element);
            if (block)
            {
                EndLine();
            }
        }

        void WriteChildren(IElement element)
        {
            foreach (var child in element.ChildNodes)
            {
                Write(child);
            }
        }

        void AppendCollapsed(string text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    if (line.Length > 0 && line[^1] != ' ')
                    {
                        line.Append(' ');
                    }
                }
                else
                {
                    line.Append(c);
                }
            }
        }

        // Ends the current line without ending the paragraph (a list item, a <br>).
        void FlushLine()
        {
            var text = line.ToString().Trim();
            line.Clear();
            if (text is "" or "-" or "`" or "``")
            {
                return;
            }
            output.Append(headingLevel > 0 ? new string('#', headingLevel) + " " : "").Append(EscapeBlockStart(text)).Append('\n');
        }

        void EndLine()
        {
            FlushLine();
            if (output.Length > 0 && !EndsWithBlankLine(output))
            {
                output.Append('\n');
            }
        }

        void WriteCode(string text)
        {
            var body = text.ReplaceLineEndings("\n").Trim('\n');
            if (body.Trim().Length == 0)
            {
                return;
            }
            var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
            EndLine();
            output.Append(fence).Append('\n').Append(body).Append('\n').Append(fence).Append("\n\n");
        }
    }

    /// <summary>The text of a <c>pre</c> element as written: its markup (highlighting spans) dropped, <c>br</c> as a line break.</summary>
    private static string CodeText(IElement pre)
    {
        var code = new StringBuilder();
        foreach (var node in pre.Descendants())
        {
            if (node is IText text)
            {
                code.Append(text.Data);
            }
            else if (node is IElement { LocalName: "br" })
            {
                code.Append('\n');
            }
        }
        return code.ToString();
    }

    /// <summary>
    /// Plain text that happens to start like Markdown block syntax ("# of users", "> quoted", "```")
    /// must not turn into a heading, a quote or a fence: an invisible zero-width space in front stops it.
    /// </summary>
    private static string EscapeBlockStart(string text) =>
        text[0] is '#' or '>' || text.StartsWith("```", StringComparison.Ordinal) || text.StartsWith("~~~", StringComparison.Ordinal)
            ? "\u200B" + text
            : text;

    private static bool EndsWithBlankLine(StringBuilder text) => text.Length >= 2 && text[^1] == '\n' && text[^2] == '\n';

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
