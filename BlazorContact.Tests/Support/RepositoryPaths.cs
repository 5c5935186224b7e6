namespace BlazorContact.Tests.Support;

/// <summary>Finds files of the repository from the test binaries' folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BlazorContact.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("BlazorContact.sln not found above " + AppContext.BaseDirectory);
    }
}
