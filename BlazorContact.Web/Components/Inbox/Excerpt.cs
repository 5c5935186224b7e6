namespace BlazorContact.Web.Components.Inbox;

/// <summary>The start of a long text, for a snackbar, a notification or a one-line fact.</summary>
internal static class Excerpt
{
    public static string Of(string? text, int length) =>
        text is null ? "" : text.Length <= length ? text : text[..length] + "…";
}
