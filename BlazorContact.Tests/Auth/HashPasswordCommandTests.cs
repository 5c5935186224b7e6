using BlazorContact.Web.Auth;

namespace BlazorContact.Tests.Auth;

public sealed class HashPasswordCommandTests
{
    [Theory]
    [InlineData("a long enough password")]
    [InlineData("a long enough password\n")]
    [InlineData("a long enough password\r\n")]
    public async Task A_piped_password_prints_only_its_hash_on_standard_output(string input)
    {
        var (exitCode, output, error) = await RunAsync(input);

        Assert.Equal(0, exitCode);
        var hash = output.TrimEnd('\n');
        Assert.DoesNotContain('\n', hash);
        Assert.Null(OwnerPasswordHasher.Check(hash));
        Assert.True(new OwnerPasswordHasher().Verify(hash, "a long enough password"));
        Assert.Contains("Owner__PasswordHash", error);
    }

    [Fact]
    public async Task Only_one_final_newline_is_dropped_and_inner_spaces_are_kept()
    {
        var (_, output, _) = await RunAsync("  spaces count too  \n\n");

        Assert.True(new OwnerPasswordHasher().Verify(output.Trim(), "  spaces count too  \n"));
    }

    [Fact]
    public async Task A_short_password_prints_nothing_and_exits_1()
    {
        var (exitCode, output, error) = await RunAsync("secret\n");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("at least 10 characters", error);
    }

    [Fact]
    public async Task An_argument_prints_the_usage_and_exits_2()
    {
        var (exitCode, output, error) = await RunAsync("a long enough password", "--password");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("usage: dotnet run --project BlazorContact.Web -- hash-password", error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HashPasswordCommand.RunAsync(args, new StringReader(input), output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
