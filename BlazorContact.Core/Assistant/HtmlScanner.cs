using System.Net;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// Splits HTML into text and tag tokens, forgiving as browsers are: a <c>&lt;</c> that does not start
/// a tag is text, an unclosed tag or comment ends the page, and the content of <c>script</c>,
/// <c>style</c> and similar elements is skipped unread (it may contain <c>&lt;</c> of its own).
/// Comments, doctypes and processing instructions produce no token.
/// </summary>
internal sealed class HtmlScanner(string html)
{
    private static readonly HashSet<string> RawElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "textarea", "svg", "iframe", "object", "title",
    };

    private static readonly Dictionary<string, string> NoAttributes = new(StringComparer.OrdinalIgnoreCase);

    private int position;

    /// <summary>The raw text of the last <c>title</c> element passed, since its content is skipped like a script's.</summary>
    public string? LastTitle { get; private set; }

    /// <summary>The next token, or null at the end of the page.</summary>
    public HtmlToken? Next()
    {
        while (position < html.Length)
        {
            if (html[position] != '<')
            {
                var end = html.IndexOf('<', position);
                end = end < 0 ? html.Length : end;
                var text = html[position..end];
                position = end;
                return new HtmlToken(text, "", false, false, NoAttributes);
            }
            if (html.AsSpan(position).StartsWith("<!--"))
            {
                position = SkipPast("-->", position + 4);
                continue;
            }
            if (position + 1 < html.Length && html[position + 1] is '!' or '?')
            {
                position = SkipPast(">", position + 2);
                continue;
            }
            if (ReadTag() is { } tag)
            {
                return tag;
            }
            // A lone '<' (as in "a < b") is text.
            position++;
            return new HtmlToken("<", "", false, false, NoAttributes);
        }
        return null;
    }

    private HtmlToken? ReadTag()
    {
        var i = position + 1;
        var closing = i < html.Length && html[i] == '/';
        if (closing)
        {
            i++;
        }
        var nameStart = i;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':'))
        {
            i++;
        }
        if (i == nameStart || !char.IsAsciiLetter(html[nameStart]))
        {
            return null;
        }
        var name = html[nameStart..i];
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var selfClosing = false;
        while (i < html.Length && html[i] != '>')
        {
            if (char.IsWhiteSpace(html[i]))
            {
                i++;
                continue;
            }
            if (html[i] == '/')
            {
                selfClosing = true;
                i++;
                continue;
            }
            selfClosing = false;
            var attributeStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }
            var attributeName = html[attributeStart..i];
            var value = "";
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && char.IsWhiteSpace(html[i]))
                {
                    i++;
                }
                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var close = html.IndexOf(quote, i + 1);
                    close = close < 0 ? html.Length : close;
                    value = html[(i + 1)..close];
                    i = Math.Min(close + 1, html.Length);
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }
                    value = html[valueStart..i];
                }
            }
            if (attributeName.Length > 0)
            {
                attributes.TryAdd(attributeName, WebUtility.HtmlDecode(value));
            }
            else
            {
                i++;
            }
        }
        position = Math.Min(i + 1, html.Length);

        if (!closing && !selfClosing && RawElements.Contains(name))
        {
            var end = html.IndexOf("</" + name, position, StringComparison.OrdinalIgnoreCase);
            end = end < 0 ? html.Length : end;
            if (name.Equals("title", StringComparison.OrdinalIgnoreCase))
            {
                LastTitle = html[position..end];
            }
            position = SkipPast(">", end);
        }
        return new HtmlToken("", name, closing, selfClosing, attributes);
    }

    private int SkipPast(string marker, int from)
    {
        var end = html.IndexOf(marker, Math.Min(from, html.Length), StringComparison.Ordinal);
        return end < 0 ? html.Length : end + marker.Length;
    }
}
