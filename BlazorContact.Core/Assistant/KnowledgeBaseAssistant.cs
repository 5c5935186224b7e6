using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// The built-in assistant: answers from the blog's own posts (Markdown and HTML files, plus an
/// optional feed or sitemap that <see cref="FeedRefreshService"/> keeps fresh) with a BM25 search and
/// no model. The index is built once at construction and rebuilt in the background when the
/// content folder changes; questions always read one complete index.
/// </summary>
public sealed partial class KnowledgeBaseAssistant : IAssistant, IPassageRetriever, IDisposable
{
    /// <summary>Editors save in bursts (temp file, rename, touch); one rebuild per burst is enough.</summary>
    private static readonly TimeSpan RebuildDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>Candidates looked at for the answer and the "see also" post.</summary>
    private const int CandidateCount = 20;

    /// <summary>A second post is suggested only when it scores at least this fraction of the answer.</summary>
    private const double SeeAlsoScoreRatio = 0.5;

    private readonly AssistantOptions options;
    private readonly ILogger logger;
    private readonly ITimer rebuildTimer;
    private readonly FileSystemWatcher? watcher;
    private readonly Lock rebuildGate = new();
    private volatile KnowledgeBase knowledge;
    private volatile IReadOnlyList<MarkdownPost> feedPosts = [];
    private long version;

    /// <summary>Indexes the posts under <see cref="AssistantOptions.ContentPath"/> and starts watching that folder.</summary>
    /// <param name="options">The assistant settings; a relative content path is resolved against the current directory, like the other paths in configuration.</param>
    /// <param name="logger">Receives index builds, a missing folder and rebuild failures.</param>
    /// <param name="timeProvider">Clock for the rebuild debounce.</param>
    public KnowledgeBaseAssistant(IOptions<AssistantOptions> options, ILogger<KnowledgeBaseAssistant> logger, TimeProvider timeProvider)
    {
        this.options = options.Value;
        this.logger = logger;
        ContentPath = Path.GetFullPath(this.options.ContentPath);
        knowledge = KnowledgeBase.Empty;
        rebuildTimer = timeProvider.CreateTimer(_ => Rebuild(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        if (!Directory.Exists(ContentPath))
        {
            Log.ContentFolderMissing(logger, ContentPath);
            return;
        }
        Rebuild();
        watcher = new FileSystemWatcher(ContentPath) { IncludeSubdirectories = true };
        watcher.Created += OnContentChanged;
        watcher.Changed += OnContentChanged;
        watcher.Deleted += OnContentChanged;
        watcher.Renamed += OnContentChanged;
        watcher.Error += (_, e) => Log.WatcherFailed(logger, e.GetException(), ContentPath);
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>The absolute folder the posts are read from.</summary>
    public string ContentPath { get; }

    /// <summary>Posts in the current index.</summary>
    public int PostCount => knowledge.PostCount;

    /// <summary>Passages in the current index.</summary>
    public int PassageCount => knowledge.Index.Passages.Count;

    /// <summary>Counts completed index builds (1 after a successful start), so callers can wait for a rebuild.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <inheritdoc />
    public ValueTask<AssistantAnswer> AnswerAsync(AssistantQuestion question, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Answer(question.Text));
    }

    /// <inheritdoc />
    public IReadOnlyList<RetrievedPassage> Retrieve(string question, int count)
    {
        var parsed = new ParsedQuestion(question);
        return knowledge.Index.Search(parsed.Terms, Math.Max(count, CandidateCount))
            .Where(hit => IsRelevant(hit, parsed))
            .Take(count)
            .Select(hit => new RetrievedPassage(hit.Passage.PostTitle, hit.Passage.PostUrl, hit.Passage.Heading, hit.Passage.Text, hit.Score))
            .ToList();
    }

    private AssistantAnswer Answer(string text)
    {
        var question = new ParsedQuestion(text);
        var hits = knowledge.Index.Search(question.Terms, CandidateCount);
        var best = hits.FirstOrDefault(hit => IsRelevant(hit, question));
        if (best is null)
        {
            return new AssistantAnswer(AnswerText.NotFound(question.IsChinese), Found: false, []);
        }

        var seeAlso = hits.FirstOrDefault(hit => hit.Passage.PostUrl != best.Passage.PostUrl
            && hit.Score >= best.Score * SeeAlsoScoreRatio
            && IsRelevant(hit, question));
        var sources = new List<AssistantSource> { new(best.Passage.PostTitle, best.Passage.PostUrl) };
        if (seeAlso is not null)
        {
            sources.Add(new AssistantSource(seeAlso.Passage.PostTitle, seeAlso.Passage.PostUrl));
        }
        return new AssistantAnswer(AnswerText.Found(question.IsChinese, best.Passage, seeAlso?.Passage), Found: true, sources);
    }

    /// <summary>
    /// A passage answers only if it covers enough of the question and scores high enough: coverage
    /// alone would let a one-word question through on any word the posts happen to use; score alone
    /// would let a long off-topic question through on one rare word it shares with a post.
    /// </summary>
    private bool IsRelevant(Bm25Hit hit, ParsedQuestion question) =>
        hit.Score >= options.MinimumScore && question.Coverage(hit.MatchedTerms) >= options.MinimumCoverage;

    private void OnContentChanged(object sender, FileSystemEventArgs e)
    {
        // Posts and folders matter; editors' swap and backup files do not. A rename counts by either
        // name, so renaming post.md to post.md.bak removes the post.
        var affectsPosts = MayHoldPosts(e.FullPath) || (e is RenamedEventArgs renamed && MayHoldPosts(renamed.OldFullPath));
        if (!affectsPosts)
        {
            return;
        }
        try
        {
            rebuildTimer.Change(RebuildDelay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // An event that raced with Dispose: there is nothing left to rebuild for.
        }
    }

    private static bool MayHoldPosts(string path) => Path.GetExtension(path).Length == 0 || PostFolder.IsPostFile(path);

    /// <summary>
    /// Replaces the posts read from <see cref="AssistantOptions.FeedUrl"/> and re-indexes at once; the
    /// folder's posts are read again and merged with them into one index.
    /// </summary>
    internal void ReplaceFeedPosts(IReadOnlyList<MarkdownPost> posts)
    {
        feedPosts = posts;
        Rebuild();
    }

    /// <summary>Runs on a timer thread, never on a visitor's request; a failure keeps the previous index.</summary>
    private void Rebuild()
    {
        lock (rebuildGate)
        {
            try
            {
                var posts = PostFolder.Load(ContentPath).Concat(feedPosts).ToList();
                foreach (var post in posts.Where(post => post.ReadProblem is not null))
                {
                    Log.PostPartlyRead(logger, post.Url, post.ReadProblem!);
                }

                var built = KnowledgeBase.Build(posts);
                knowledge = built;
                Interlocked.Increment(ref version);
                Log.IndexBuilt(logger, built.PostCount, built.Index.Passages.Count, ContentPath, feedPosts.Count);
            }
            catch (Exception exception)
            {
                // Also on the timer thread, where an escaping exception would end the process.
                Log.RebuildFailed(logger, exception, ContentPath);
            }
        }
    }

    /// <summary>Stops watching the content folder.</summary>
    public void Dispose()
    {
        watcher?.Dispose();
        rebuildTimer.Dispose();
    }
}
