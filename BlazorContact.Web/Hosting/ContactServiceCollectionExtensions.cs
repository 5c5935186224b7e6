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
using BlazorContact.Core.Storage;
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

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Configure(options => options.ConnectionString = configuration.GetConnectionString("Contact") ?? options.ConnectionString)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), "ConnectionStrings:Contact must name a SQLite file, e.g. Data Source=data/contact.db.")
            .Validate(options => options.MaxBatchSize is >= 1 and <= 10_000, "Storage:MaxBatchSize must be between 1 and 10000.")
            .Validate(options => options.BusyTimeout > TimeSpan.Zero, "Storage:BusyTimeout must be positive.")
            .ValidateOnStart();

        services.AddOptions<AssistantOptions>()
            .Bind(configuration.GetSection(AssistantOptions.SectionName))
            .PostConfigure(options => options.ContentPath = ResolveContentPath(options.ContentPath))
            .Validate(options => options.ReplyTimeout > TimeSpan.Zero, "Assistant:ReplyTimeout must be positive, e.g. 00:00:10.")
            .Validate(options => options.MinimumCoverage is >= 0 and <= 1, "Assistant:MinimumCoverage must be between 0 and 1 (the share of the question a passage must contain).")
            .Validate(options => options.MinimumScore >= 0, "Assistant:MinimumScore must not be negative.")
            .Validate(options => string.IsNullOrWhiteSpace(options.FeedUrl) || IsHttpUrl(options.FeedUrl), "Assistant:FeedUrl must be an absolute http or https URL of an RSS or Atom feed or a sitemap.xml, e.g. https://blog.example.com/index.xml.")
            .Validate(options => options.FeedRefreshInterval >= TimeSpan.FromSeconds(1), "Assistant:FeedRefreshInterval must be at least 00:00:01, e.g. 01:00:00.")
            .Validate(options => options.FeedMaxPages is >= 1 and <= 10_000, "Assistant:FeedMaxPages must be between 1 and 10000.")
            .Validate(options => options.FeedTimeout > TimeSpan.Zero, "Assistant:FeedTimeout must be positive, e.g. 00:00:30.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AssistantOptions>, AssistantOptionsValidator>();

        // Try: the clock and the ids are the seams tests replace (a fake clock, predictable ids).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, RandomIdGenerator>();
        services.AddSingleton<SqliteConversationStore>();
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<SqliteConversationStore>());
        services.AddHostedService<StorageInitializer>();
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

        // The two seams a backplane replaces: fan-out to connections (with presence) and the event bus.
        services.AddSingleton<InProcessConversationFanout>();
        services.AddSingleton<IConversationFanout>(sp => sp.GetRequiredService<InProcessConversationFanout>());
        services.AddSingleton<IVisitorPresence>(sp => sp.GetRequiredService<InProcessConversationFanout>());
        services.AddSingleton<IContactEventBus, InProcessContactEventBus>();
        // State several instances will have to share; in memory for one instance.
        services.AddSingleton<IAnswerClaims, InMemoryAnswerClaims>();
        services.AddSingleton<IPassOnOffers, InMemoryPassOnOffers>();

        services.AddSingleton(sp => ServerText.For(sp.GetRequiredService<IOptions<ContactOptions>>().Value.Culture) ?? ServerText.Chinese);
        services.AddSingleton<ConversationWorkQueue>();
        services.AddSingleton<PassOnToOwner>();
        services.AddSingleton<AssistantReplies>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<OwnerDesk>();
        services.AddSingleton<InboxQueries>();
        return services;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

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
