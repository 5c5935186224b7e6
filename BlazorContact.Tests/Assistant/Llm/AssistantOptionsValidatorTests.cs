using BlazorContact.Core.Assistant;
using BlazorContact.Core.Assistant.Llm;

namespace BlazorContact.Tests.Assistant.Llm;

public sealed class AssistantOptionsValidatorTests
{
    private static readonly AssistantOptionsValidator Validator = new();

    [Fact]
    public void The_built_in_provider_needs_no_llm_settings() =>
        Assert.True(Validator.Validate(null, new AssistantOptions()).Succeeded);

    [Fact]
    public void The_openai_provider_needs_an_absolute_endpoint_and_a_model()
    {
        var result = Validator.Validate(null, new AssistantOptions { Provider = AssistantProvider.OpenAI, OpenAI = { Endpoint = "api.openai.com/v1" } });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Assistant:OpenAI:Endpoint", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Assistant:OpenAI:Model", StringComparison.Ordinal));
    }

    [Fact]
    public void A_local_ollama_endpoint_without_a_key_is_valid() =>
        Assert.True(Validator.Validate(null, new AssistantOptions
        {
            Provider = AssistantProvider.OpenAI,
            OpenAI = { Endpoint = "http://127.0.0.1:11434/v1", Model = "qwen2.5:7b" },
        }).Succeeded);

    [Fact]
    public void Retrieval_and_feed_settings_out_of_range_each_get_a_sentence()
    {
        var result = Validator.Validate(null, new AssistantOptions
        {
            ReplyTimeout = TimeSpan.Zero,
            MinimumCoverage = 1.5,
            FeedUrl = "ftp://blog.example.com/index.xml",
            FeedMaxPages = 0,
        });

        Assert.True(result.Failed);
        Assert.Equal(
            ["Assistant:ReplyTimeout", "Assistant:MinimumCoverage", "Assistant:FeedUrl", "Assistant:FeedMaxPages"],
            result.Failures!.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]));
    }
}
