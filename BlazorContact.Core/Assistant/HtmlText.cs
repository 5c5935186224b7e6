using System.Net;
using System.Text;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// Turns an HTML page into the Markdown subset <see cref="PassageSplitter"/> reads, so HTML posts are
/// chunked by the same rules as Markdown ones: <c>h1</c>–<c>h6</c> become <c>#</c> headings, block
/// elements become paragraphs, <c>li</c> list items, <c>pre</c> a fenced block kept verbatim and inline
/// <c>code</c> backticks. Scripts, styles, comments and page furniture (<c>nav</c>, <c>footer</c>,
/// <c>aside</c>, <c>form</c>) are dropped, and when the page has an <c>article</c> or <c>main</c>
/// element only its content is read. A hand-written scanner rather than a parser package: blog pages
/// are often not well-formed, and a scanner that never throws reads them all.
/// </summary>
internal static class HtmlText
{
    /// <summary>Navigation and chrome repeated on every page: indexing them would make every page match "home" or "archive".</summary>
    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "footer", "aside", "form", "button", "select", "head",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "ul", "ol", "dl", "dt", "dd", "table", "thead",
        "tbody", "tr", "blockquote", "figure", "figcaption", "hr", "body", "html", "details", "summary",
        "address", "center",
    };

    /// <summary>The page body as Markdown: headings, paragraphs, list items and fenced code.</summary>
    public static string ToMarkdown(string html)
    {
        var scanner = new HtmlScanner(MainContent(html));
        var output = new StringBuilder();
        var line = new StringBuilder();
        StringBuilder? code = null;
        var skipDepth = 0;
        string? skipping = null;
        var headingLevel = 0;

        while (scanner.Next() is { } token)
        {
            if (skipping is not null)
            {
                // Inside nav/footer/...: only count nesting of the same element to find its end.
                if (token.IsTag && token.Name.Equals(skipping, StringComparison.OrdinalIgnoreCase) && !token.SelfClosing)
                {
                    skipDepth += token.Closing ? -1 : 1;
                    skipping = skipDepth == 0 ? null : skipping;
                }
                continue;
            }
            if (!token.IsTag)
            {
                var text = WebUtility.HtmlDecode(token.Text);
                if (code is not null)
                {
                    code.Append(text);
                }
                else
                {
                    AppendCollapsed(text);
                }
                continue;
            }

            var name = token.Name;
            if (code is not null)
            {
                if (name.Equals("pre", StringComparison.OrdinalIgnoreCase) && token.Closing)
                {
                    WriteCode(code.ToString());
                    code = null;
                }
                else if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    code.Append('\n');
                }
                continue;
            }
            if (SkippedElements.Contains(name) && !token.Closing && !token.SelfClosing)
            {
                skipping = name;
                skipDepth = 1;
            }
            else if (name.Equals("pre", StringComparison.OrdinalIgnoreCase) && !token.Closing)
            {
                EndLine();
                code = new StringBuilder();
            }
            else if (name.Length == 2 && name[0] is 'h' or 'H' && name[1] is >= '1' and <= '6')
            {
                EndLine();
                headingLevel = token.Closing ? 0 : name[1] - '0';
            }
            else if (name.Equals("li", StringComparison.OrdinalIgnoreCase) && !token.Closing)
            {
                FlushLine();
                line.Append("- ");
            }
            else if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                FlushLine();
            }
            else if (name.Equals("code", StringComparison.OrdinalIgnoreCase) || name.Equals("kbd", StringComparison.OrdinalIgnoreCase))
            {
                // Backticks keep identifiers such as snake_case safe from the Markdown emphasis rules.
                line.Append('`');
            }
            else if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
            {
                AppendCollapsed(" ");
            }
            else if (BlockElements.Contains(name))
            {
                EndLine();
            }
        }
        if (code is not null)
        {
            WriteCode(code.ToString());
        }
        EndLine();
        return output.ToString().Trim('\n');

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

    /// <summary>The inner HTML of the first <c>article</c>, else of <c>main</c>, else the whole page.</summary>
    private static string MainContent(string html)
    {
        foreach (var element in (string[])["article", "main"])
        {
            var open = html.IndexOf("<" + element, StringComparison.OrdinalIgnoreCase);
            while (open >= 0 && open + element.Length + 1 < html.Length && char.IsLetterOrDigit(html[open + element.Length + 1]))
            {
                open = html.IndexOf("<" + element, open + 1, StringComparison.OrdinalIgnoreCase);
            }
            if (open < 0)
            {
                continue;
            }
            var close = html.LastIndexOf("</" + element, StringComparison.OrdinalIgnoreCase);
            return close > open ? html[open..close] : html[open..];
        }
        return html;
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
