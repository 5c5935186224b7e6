namespace BlazorContact.Web.Check;

/// <summary>The `check` command (being written).</summary>
internal static class DeploymentCheck
{
    public static Task<int> RunAsync(string[] args, TextWriter output)
    {
        output.WriteLine("check: not built yet");
        return Task.FromResult(2);
    }
}
