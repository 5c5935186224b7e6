namespace BlazorContact.Core.Assistant;

/// <summary>One piece of an HTML page: a run of text (entities not yet decoded) or a tag.</summary>
/// <param name="Text">The raw text, for a text token; empty for a tag.</param>
/// <param name="Name">The tag name as written, for a tag; empty for text.</param>
/// <param name="Closing">True for <c>&lt;/name&gt;</c>.</param>
/// <param name="SelfClosing">True for <c>&lt;name/&gt;</c>.</param>
/// <param name="Attributes">Attribute values by case-insensitive name, entities decoded; empty for text.</param>
internal sealed record HtmlToken(string Text, string Name, bool Closing, bool SelfClosing, IReadOnlyDictionary<string, string> Attributes)
{
    public bool IsTag => Name.Length > 0;

    /// <summary>An attribute's value, or null when the tag does not have it.</summary>
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}
