using System.Text.RegularExpressions;

namespace BlazorContact.Tests.Support;

/// <summary>
/// The server's real Serilog output, written by Serilog's file sink to a file the test reads: the
/// settings add the sink beside the console, the way an operator would configure one.
/// </summary>
public sealed class ServerLogFile
{
    private readonly string _informationFrom;

    /// <param name="informationFrom">The namespace whose events of every level are written; the rest stays at the tests' Warning.</param>
    public ServerLogFile(string informationFrom = "BlazorContact.Web.Auth")
    {
        _informationFrom = informationFrom;
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "blazorcontact-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "server.log");
    }

    public string Path { get; }

    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Serilog:Using:1"] = "Serilog.Sinks.File",
        ["Serilog:WriteTo:1:Name"] = "File",
        ["Serilog:WriteTo:1:Args:path"] = Path,
        ["Serilog:WriteTo:1:Args:outputTemplate"] = "[{Level:u3}] {Message:lj}{NewLine}{Exception}",
        [$"Serilog:MinimumLevel:Override:{_informationFrom}"] = "Information",
    };

    public string Text()
    {
        if (!File.Exists(Path))
        {
            return "";
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every match of <paramref name="pattern"/> so far, in order.</summary>
    public IReadOnlyList<Match> Matches(string pattern) => Regex.Matches(Text(), pattern).ToList();

    public void Delete()
    {
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        catch (IOException)
        {
            // Still held by a sink that has not closed yet; the temp folder is cleaned by the OS later.
        }
    }
}
