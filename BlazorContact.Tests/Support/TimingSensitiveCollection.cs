namespace BlazorContact.Tests.Support;

/// <summary>
/// Tests that assert on latency or short timeouts run alone, after the parallel ones, so a browser test
/// beside them on this 2-core machine can't make them fail for reasons that aren't theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive";
}
