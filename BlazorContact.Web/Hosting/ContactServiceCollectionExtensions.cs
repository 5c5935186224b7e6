using System.ClientModel;
using System.ClientModel.Primitives;
using BlazorContact.Core.Assistant;
using BlazorContact.Core.Assistant.Llm;
using BlazorContact.Core.Conversations;
using BlazorContact.Core.Events;
using BlazorContact.Core.Fanout;
using BlazorContact.Core.Inbox;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Replies;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;

namespace BlazorContact.Web.Hosting;

/// <summary>Registers the contact service and what it flows into: store, assistant, sessions.</summary>
internal static class ContactServiceCollectionExtensions
{
    public static IServiceCollection AddContactCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContactOptions>().Bind(configuration.GetSection(ContactOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContactOptions>, ContactOptionsValidator>();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddSingleton<VisitorLimits>();

        services.AddContactStorage(configuration);

        services.AddOptions<AssistantOptions>()
            .Bind(configuration.GetSection(AssistantOptions.SectionName))
            .PostConfigure(options => options.ContentPath = ResolveContentPath(options.ContentPath))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AssistantOptions>, AssistantOptionsValidator>();

        // Try: the clock and the ids are the seams tests replace (a fake clock, predictable ids).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, RandomIdGenerator>();
        services.AddSingleton<KnowledgeBaseAssistant>();
        services.AddSingleton<IPassageRetriever>(sp => sp.GetRequiredService<KnowledgeBaseAssistant>());
        if (!string.IsNullOrWhiteSpace(configuration[$"{AssistantOptions.SectionName}:{nameof(AssistantOptions.FeedUrl)}"]))
        {
            // Only a configured feed brings an HTTP client and a background refresh; the default run stays offline.
            services.AddHttpClient<FeedPostSource>(client => client.MaxResponseContentBufferSize = 16 * 1024 * 1024);
            services.AddHostedService<FeedRefreshService>();
        }
        if (configuration.GetSection(AssistantOptions.SectionName).Get<AssistantOptions>()?.IsLlmEnabled == true)
        {
            services.AddLlmAssistant();
        }
        else
        {
            services.AddSingleton<IAssistant>(sp => sp.GetRequiredService<KnowledgeBaseAssistant>());
        }

        // The two seams a backplane replaces: fan-out to connections (with presence) and the event bus,
        // and the state several instances share. In process for one instance; Redis when configured.
        services.AddSingleton<InProcessConversationFanout>();
        if (!services.AddRedisBackplane(configuration))
        {
            services.AddSingleton<IConversationFanout>(sp => sp.GetRequiredService<InProcessConversationFanout>());
            services.AddSingleton<IVisitorPresence>(sp => sp.GetRequiredService<InProcessConversationFanout>());
            services.AddSingleton<IContactEventBus, InProcessContactEventBus>();
            services.AddSingleton<IAnswerClaims, InMemoryAnswerClaims>();
            services.AddSingleton<IPassOnOffers, InMemoryPassOnOffers>();
        }

        services.AddSingleton(sp => ServerText.For(sp.GetRequiredService<IOptions<ContactOptions>>().Value.Culture) ?? ServerText.Chinese);
        services.AddSingleton<ConversationWorkQueue>();
        services.AddSingleton<PassOnToOwner>();
        services.AddSingleton<AssistantReplies>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<OwnerDesk>();
        services.AddSingleton<InboxQueries>();
        services.AddSingleton<OwnerApiTokens>();
        return services;
    }

    /// <summary>
    /// The optional LLM (<c>Assistant:Provider</c> = <c>OpenAI</c>): any OpenAI-compatible endpoint,
    /// grounded on and falling back to the built-in knowledge base.
    /// </summary>
    private static void AddLlmAssistant(this IServiceCollection services)
    {
        services.AddSingleton<IChatClient>(sp =>
        {
            var llm = sp.GetRequiredService<IOptions<AssistantOptions>>().Value.OpenAI;
            var client = new OpenAIClient(
                // Local servers (Ollama, llama.cpp) take no key, but the client insists on one.
                new ApiKeyCredential(string.IsNullOrWhiteSpace(llm.ApiKey) ? "none" : llm.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(llm.Endpoint!),
                    // A visitor is waiting: the built-in answer now beats a retried model later.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                });
            return client.GetChatClient(llm.Model!).AsIChatClient();
        });
        services.AddSingleton<ILlmReplyQuota>(sp =>
        {
            var llm = sp.GetRequiredService<IOptions<AssistantOptions>>().Value.OpenAI;
            return new LlmReplyQuota(llm.MaxRepliesPerVisitor, llm.MaxRepliesPerDay, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var knowledgeBase = sp.GetRequiredService<KnowledgeBaseAssistant>();
            return new OpenAiAssistant(
                sp.GetRequiredService<IChatClient>(), knowledgeBase, knowledgeBase, sp.GetRequiredService<IOptions<AssistantOptions>>(),
                sp.GetRequiredService<ILlmReplyQuota>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OpenAiAssistant>>());
        });
        services.AddSingleton<IAssistant>(sp => sp.GetRequiredService<OpenAiAssistant>());
    }

    /// <summary>
    /// Relative paths are taken from the current directory; the default <c>content/posts</c> falls back
    /// to the sample posts shipped beside the server, so a fresh clone answers questions at once.
    /// </summary>
    private static string ResolveContentPath(string path)
    {
        if (Path.IsPathRooted(path) || Directory.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, path);
        return Directory.Exists(shipped) ? shipped : Path.GetFullPath(path);
    }
}
