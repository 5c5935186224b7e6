using BlazorContact.Core.Assistant;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorContact.Tests.Assistant;

/// <summary>The assistant's content folder: missing, and changing while it runs.</summary>
public sealed class KnowledgeBaseAssistantReindexTests : IDisposable
{
    private static readonly TimeSpan RebuildWait = TimeSpan.FromSeconds(5);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("assistant-posts-");

    public KnowledgeBaseAssistantReindexTests()
    {
        // A realistic corpus: relevance thresholds mean little over two tiny posts.
        foreach (var post in Directory.EnumerateFiles(SamplePosts.Folder, "*.md"))
        {
            File.Copy(post, Path.Combine(folder.FullName, Path.GetFileName(post)));
        }
    }

    public void Dispose() => folder.Delete(recursive: true);

    private static KnowledgeBaseAssistant Create(string path, ILogger<KnowledgeBaseAssistant>? logger = null) => new(
        Options.Create(new AssistantOptions { ContentPath = path }),
        logger ?? NullLogger<KnowledgeBaseAssistant>.Instance,
        TimeProvider.System);

    private void WritePost(string fileName, string title, string body) =>
        File.WriteAllText(Path.Combine(folder.FullName, fileName), $"---\ntitle: {title}\n---\n{body}\n");

    /// <summary>Asks again until the answer's Found is <paramref name="found"/>; fails after 5 s.</summary>
    private static async Task<AssistantAnswer> AskUntil(KnowledgeBaseAssistant assistant, AssistantQuestion question, bool found)
    {
        AssistantAnswer? answer = null;
        await Eventually.UntilAsync(
            async () => (answer = await assistant.AnswerAsync(question, CancellationToken.None)).Found == found,
            "the folder watcher to re-index", RebuildWait);
        return answer!;
    }

    [Fact]
    public async Task A_new_post_is_answered_after_the_folder_changes()
    {
        using var assistant = Create(folder.FullName);
        var question = new AssistantQuestion("c", "How do I copy backups to Amazon S3?");
        Assert.False((await assistant.AnswerAsync(question, CancellationToken.None)).Found);

        WritePost("s3-backups.md", "Backups to Amazon S3", "Copy the nightly SQLite backup to an Amazon S3 bucket with `aws s3 cp`.");

        var answer = await AskUntil(assistant, question, found: true);
        Assert.True(answer.Found, "the watcher did not re-index within 5 s");
        Assert.Equal("/posts/s3-backups", answer.Sources[0].Url);
        Assert.Equal(6, assistant.PostCount);
        Assert.True(assistant.Version >= 2);
    }

    [Fact]
    public async Task A_deleted_post_is_no_longer_answered()
    {
        WritePost("gone.md", "Kubernetes", "Run the container in Kubernetes with a persistent volume.");
        using var assistant = Create(folder.FullName);
        var question = new AssistantQuestion("c", "Can it run in Kubernetes?");
        Assert.True((await assistant.AnswerAsync(question, CancellationToken.None)).Found);

        File.Delete(Path.Combine(folder.FullName, "gone.md"));

        Assert.False((await AskUntil(assistant, question, found: false)).Found, "the watcher did not re-index within 5 s");
        Assert.Equal(5, assistant.PostCount);
    }

    [Fact]
    public async Task A_post_with_broken_front_matter_is_still_answered_and_the_log_says_what_is_wrong()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "broken.md"), "---\ntitle: Backups: nightly\ntags: [a\n---\n# Nightly backups\n\nThe database is copied to object storage every night.\n");
        var logger = new RecordingLogger<KnowledgeBaseAssistant>();
        using var assistant = Create(folder.FullName, logger);

        var answer = await assistant.AnswerAsync(new AssistantQuestion("c", "How are nightly backups copied to object storage?"), CancellationToken.None);

        Assert.True(answer.Found);
        Assert.Contains("/posts/broken", answer.Text, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message.Contains("/posts/broken", StringComparison.Ordinal) && entry.Message.Contains("not valid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_folder_gives_an_empty_index_and_a_warning()
    {
        var logger = new RecordingLogger<KnowledgeBaseAssistant>();
        using var assistant = Create(Path.Combine(folder.FullName, "does-not-exist"), logger);

        var answer = await assistant.AnswerAsync(new AssistantQuestion("c", "如何部署？"), CancellationToken.None);

        Assert.Equal(0, assistant.PostCount);
        Assert.Equal(0, assistant.Version);
        Assert.False(answer.Found);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("does-not-exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_relative_content_path_is_resolved_against_the_working_directory()
    {
        using var assistant = Create("content/posts");

        Assert.Equal(Path.GetFullPath("content/posts"), assistant.ContentPath);
    }
}
