using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace BlazorContact.Web.WidgetHosting;

/// <summary>
/// The embeddable widget, <c>wwwroot/contact-widget.js</c>, and its version: the first 16 hex digits
/// of the SHA-256 of its content, read once at start.
/// </summary>
internal sealed record WidgetScript(string Version)
{
    public const string FileName = "contact-widget.js";

    public const string Path = "/" + FileName;

    public static WidgetScript Load(IFileProvider webRoot)
    {
        var file = webRoot.GetFileInfo(FileName);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"wwwroot/{FileName} is missing from the web root: the server cannot offer the widget without it.");
        }

        using var stream = file.CreateReadStream();
        return new WidgetScript(Convert.ToHexStringLower(SHA256.HashData(stream))[..16]);
    }
}
