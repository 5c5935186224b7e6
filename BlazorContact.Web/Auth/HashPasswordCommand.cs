using System.Text;

namespace BlazorContact.Web.Auth;

/// <summary>
/// <c>dotnet run --project BlazorContact.Web -- hash-password</c>: reads a password from standard input
/// (typed without echo, asked twice; or piped) and prints its hash for <c>Owner:PasswordHash</c>.
/// Only the hash goes to standard output, so <c>$(...)</c> captures it; prompts go to standard error.
/// </summary>
public static class HashPasswordCommand
{
    public const string Usage =
        "usage: dotnet run --project BlazorContact.Web -- hash-password\n" +
        "       (type the password when asked, or pipe it: printf '%s' 'a long password' | dotnet run --project BlazorContact.Web -- hash-password)";

    /// <param name="piped">Standard input when it is redirected; null to read from the keyboard without echo.</param>
    public static async Task<int> RunAsync(string[] args, TextReader? piped, TextWriter output, TextWriter error)
    {
        if (args.Length > 0)
        {
            await error.WriteLineAsync($"hash-password: unexpected argument '{args[0]}'\n{Usage}");
            return 2;
        }

        string password;
        if (piped is not null)
        {
            password = WithoutFinalNewline(await piped.ReadToEndAsync());
        }
        else
        {
            password = ReadHidden(error, "Owner password: ");
            if (ReadHidden(error, "Repeat it: ") != password)
            {
                await error.WriteLineAsync("hash-password: the two passwords differ; nothing printed.");
                return 1;
            }
        }

        if (password.Length < OwnerPasswordHasher.MinimumLength)
        {
            await error.WriteLineAsync($"hash-password: the password needs at least {OwnerPasswordHasher.MinimumLength} characters; nothing printed.");
            return 1;
        }

        await output.WriteLineAsync(new OwnerPasswordHasher().Hash(password));
        await error.WriteLineAsync("Set it as Owner:PasswordHash (environment variable Owner__PasswordHash) and restart the server.");
        return 0;
    }

    /// <summary><c>echo</c> adds one newline that is not part of the password; <c>echo -n</c> and <c>printf</c> add none.</summary>
    internal static string WithoutFinalNewline(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
        : text.EndsWith('\n') ? text[..^1]
        : text;

    private static string ReadHidden(TextWriter prompt, string label)
    {
        prompt.Write(label);
        prompt.Flush();
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                prompt.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
