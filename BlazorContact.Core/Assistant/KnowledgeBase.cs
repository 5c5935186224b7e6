namespace BlazorContact.Core.Assistant;

/// <summary>One immutable build of the posts: swapped whole when the folder changes, so a question never sees half an index.</summary>
/// <param name="PostCount">How many posts were read.</param>
/// <param name="Index">The search index over their passages.</param>
internal sealed record KnowledgeBase(int PostCount, Bm25Index Index)
{
    public static KnowledgeBase Empty { get; } = new(0, new Bm25Index([]));

    /// <summary>Reads and indexes every post under <paramref name="folder"/>; I/O errors propagate to the caller.</summary>
    public static KnowledgeBase Build(string folder) => Build(PostFolder.Load(folder));

    /// <summary>
    /// Indexes <paramref name="posts"/>. A post found twice by url (a folder copy of a post also in the
    /// feed) is indexed once, the first one winning, so it cannot fill both the answer and "see also".
    /// </summary>
    public static KnowledgeBase Build(IEnumerable<MarkdownPost> posts)
    {
        var distinct = posts.DistinctBy(post => post.Url, StringComparer.Ordinal).ToList();
        return new KnowledgeBase(distinct.Count, new Bm25Index(distinct.SelectMany(PassageSplitter.Split).ToList()));
    }
}
