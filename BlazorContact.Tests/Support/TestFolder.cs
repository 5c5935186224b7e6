using Microsoft.Data.Sqlite;

namespace BlazorContact.Tests.Support;

/// <summary>A fresh folder under the temp directory for one test's files (a database, a key ring), deleted after it.</summary>
public static class TestFolder
{
    public static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "blazorcontact-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Deletes the folder, first releasing pooled SQLite connections that would keep its database open.</summary>
    public static void Delete(string folder)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
