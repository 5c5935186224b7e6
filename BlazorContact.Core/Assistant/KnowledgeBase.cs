namespace BlazorContact.Core.Assistant;

/// <summary>One immutable build of the posts: swapped whole when the folder changes, so a question never sees half an index.</summary>
/// <param name="PostCount">How many posts were read.</param>
/// <param name="Index">The search index over their passages.</param>
internal sealed record KnowledgeBase(int PostCount, Bm25Index Index)
{
    public static KnowledgeBase Empty { get; } = new(0, new Bm25Index([]));

    /// <summary>Reads and indexes every post under <paramref name="folder"/>; I/O errors propagate to the caller.</summary>
    public static KnowledgeBase Build(string folder)
    {
        var posts = MarkdownPostLoader.LoadFolder(folder);
        return new KnowledgeBase(posts.Count, new Bm25Index(posts.SelectMany(PassageSplitter.Split).ToList()));
    }
}
