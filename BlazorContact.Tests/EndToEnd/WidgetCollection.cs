using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>
/// The widget's tests share one Chromium and run one after another, by themselves: their load would
/// otherwise skew the timing-sensitive tests (back-pressure, deployment check) on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WidgetCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Widget in Chromium";
}
