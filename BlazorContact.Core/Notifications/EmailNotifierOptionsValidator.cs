using MimeKit;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Notifications;

/// <summary>
/// Fails start-up with a sentence when <c>Notifications:Email</c> is half set or wrong. Nothing set
/// at all is fine: email is simply off.
/// </summary>
public sealed class EmailNotifierOptionsValidator : IValidateOptions<EmailNotifierOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailNotifierOptions options)
    {
        var failures = new List<string>();
        var hasHost = !string.IsNullOrWhiteSpace(options.Host);
        var hasTo = !string.IsNullOrWhiteSpace(options.To);
        if (hasHost && !hasTo)
        {
            failures.Add("Notifications:Email:To must be set to the owner's address when Notifications:Email:Host is set.");
        }

        if (hasTo && !hasHost)
        {
            failures.Add("Notifications:Email:Host must be set to an SMTP server when Notifications:Email:To is set.");
        }

        if (hasHost && Uri.CheckHostName(options.Host!.Trim()) == UriHostNameType.Unknown)
        {
            failures.Add($"Notifications:Email:Host must be a host name or IP address, e.g. smtp.example.com (was '{options.Host}').");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Notifications:Email:Port must be between 1 and 65535, usually 587 or 465 (was {options.Port}).");
        }

        if (!Enum.IsDefined(options.UseTls))
        {
            failures.Add($"Notifications:Email:UseTls must be one of {string.Join(", ", Enum.GetNames<SmtpTlsMode>())} (was {options.UseTls}).");
        }

        if (hasTo && ParseAddresses(options.To!) is null)
        {
            failures.Add($"Notifications:Email:To must be one or more email addresses separated by commas, e.g. owner@example.com (was '{options.To}').");
        }

        if (!string.IsNullOrWhiteSpace(options.From) && ParseAddress(options.From) is null)
        {
            failures.Add($"Notifications:Email:From must be one email address, e.g. blog@example.com (was '{options.From}').");
        }

        if (!string.IsNullOrWhiteSpace(options.UserName) && string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Notifications:Email:Password must be set when Notifications:Email:UserName is set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The addresses of a comma-separated list, or null if any entry is not a full address.</summary>
    internal static InternetAddressList? ParseAddresses(string text)
    {
        if (!InternetAddressList.TryParse(text, out var list) || list.Count == 0)
        {
            return null;
        }

        return list.All(a => a is MailboxAddress m && IsFullAddress(m)) ? list : null;
    }

    /// <summary>One full address (<c>name@domain</c>, optionally with a display name), or null.</summary>
    internal static MailboxAddress? ParseAddress(string text) =>
        MailboxAddress.TryParse(text, out var address) && IsFullAddress(address) ? address : null;

    // MimeKit accepts a bare local part ("owner") as an address; a mail server would not deliver it.
    private static bool IsFullAddress(MailboxAddress address)
    {
        var at = address.Address.LastIndexOf('@');
        return at > 0 && at < address.Address.Length - 1;
    }
}
