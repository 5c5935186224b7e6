namespace BlazorContact.Web.Components;

/// <summary>Picks the page language: <c>?lang=</c> first, then the browser's Accept-Language; Chinese by default, as the guide.</summary>
internal static class Localization
{
    public static bool PrefersChinese(HttpContext? context)
    {
        if (context is null)
        {
            return true;
        }

        if (context.Request.Query["lang"].ToString() is { Length: > 0 } lang)
        {
            return lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        }

        var accept = context.Request.Headers.AcceptLanguage.ToString();
        return accept.Length == 0 || accept.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
    }

    public static UiText TextFor(HttpContext? context) => PrefersChinese(context) ? UiText.Chinese : UiText.English;

    public static UiText TextFor(string? lang) =>
        lang is not null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? UiText.English : UiText.Chinese;
}
