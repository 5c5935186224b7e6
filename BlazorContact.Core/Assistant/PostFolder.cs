namespace BlazorContact.Core.Assistant;

/// <summary>Reads the posts of a content folder: Markdown (<c>*.md</c>) and HTML (<c>*.html</c>, <c>*.htm</c>) files.</summary>
internal static class PostFolder
{
    /// <summary>True for a file name the folder reads as a post.</summary>
    public static bool IsPostFile(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Equals(".md", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".html", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every post under <paramref name="folder"/>, recursively, in path order so rebuilds are deterministic; none when it does not exist.</summary>
    public static List<MarkdownPost> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(IsPostFile)
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();
    }

    private static MarkdownPost Read(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var text = File.ReadAllText(path);
        return Path.GetExtension(path).Equals(".md", StringComparison.OrdinalIgnoreCase)
            ? MarkdownPostLoader.Parse(name, text)
            : HtmlPostReader.Parse(name, text);
    }
}
