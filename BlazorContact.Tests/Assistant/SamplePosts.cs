namespace BlazorContact.Tests.Assistant;

/// <summary>The real posts shipped in BlazorContact.Web/content/posts, found from the test's output folder.</summary>
internal static class SamplePosts
{
    public static string Folder { get; } = Locate();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlazorContact.sln")))
            {
                return Path.Combine(dir.FullName, "BlazorContact.Web", "content", "posts");
            }
        }
        throw new InvalidOperationException($"No BlazorContact.sln above {AppContext.BaseDirectory}.");
    }
}
