namespace BlazorContact.Web.Check;

/// <summary>One line of the check's report: a step of the guide's flow and how it went.</summary>
/// <param name="Text">What the step saw when it passed, or the problem when it failed.</param>
internal sealed record CheckStep(string Name, bool Passed, long ElapsedMilliseconds, string? Text)
{
    public string Format() => Passed
        ? $"✓ {Name} ({ElapsedMilliseconds} ms){(Text is null ? "" : $" — {Text}")}"
        : $"✗ {Name} ({ElapsedMilliseconds} ms) — {Text}";
}
