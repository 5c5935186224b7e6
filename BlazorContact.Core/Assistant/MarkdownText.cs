using System.Text;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BlazorContact.Core.Assistant;

/// <summary>Markdown as Markdig reads it, and its inline content as the plain text a chat bubble can show.</summary>
internal static class MarkdownText
{
    // CommonMark plus ~~strikethrough~~, whose tildes would otherwise show in answers.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .Build();

    /// <summary>Parses a post body.</summary>
    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>The plain text of the first top-level <c># heading</c>, or null when there is none.</summary>
    public static string? FirstHeading(string markdown) =>
        Parse(markdown).OfType<HeadingBlock>()
            .Where(heading => heading.Level == 1)
            .Select(heading => ToPlain(heading.Inline).Trim())
            .FirstOrDefault(text => text.Length > 0);

    /// <summary>
    /// Links and images become their text, emphasis marks and code ticks go, and each line break
    /// stays a <c>\n</c>. Code keeps its spelling, as do raw HTML tags and autolinks.
    /// </summary>
    public static string ToPlain(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        Append(text, inlines);
        return text.ToString();
    }

    private static void Append(StringBuilder text, ContainerInline? container)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case HtmlInline html:
                    text.Append(html.Tag);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
                case ContainerInline children:
                    // Emphasis, links, and images (whose children are the alt text).
                    Append(text, children);
                    break;
            }
        }
    }
}
