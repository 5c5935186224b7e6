using BlazorContact.Tests.Support;

namespace BlazorContact.Tests.EndToEnd;

/// <summary>The widget's browser tests share one Chromium and run one after another, which keeps a 2-core CI machine calm.</summary>
[CollectionDefinition(Name)]
public sealed class WidgetCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Widget in Chromium";
}
