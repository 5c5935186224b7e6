namespace BlazorContact.Core.Assistant;

/// <summary>
/// An immutable Okapi BM25 index over passages. Besides its own heading and text, a passage is
/// credited with its post's title and tags, because a title says what the whole post is about
/// better than any one sentence in it. That credit is a second, separately saturated field, so it
/// lifts every passage of a matching post alike and the passage text still decides which passage
/// of the post is best.
/// </summary>
internal sealed class Bm25Index
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    /// <summary>An occurrence in the post title counts this many times in the title-and-tags field.</summary>
    public const double TitleWeight = 2;

    /// <summary>An occurrence in the post tags counts this many times in the title-and-tags field.</summary>
    public const double TagWeight = 2;

    private readonly Dictionary<string, List<Posting>> postings = new(StringComparer.Ordinal);
    private readonly int[] lengths;
    private readonly double averageLength;

    /// <summary>Indexes <paramref name="passages"/>; they are kept in the given order.</summary>
    public Bm25Index(IReadOnlyList<Passage> passages)
    {
        Passages = passages;
        lengths = new int[passages.Count];
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            var text = Tokenizer.Tokenize(passage.Heading is null ? passage.Text : passage.Heading + "\n" + passage.Text);
            lengths[i] = text.Count;
            var frequencies = new Dictionary<string, (int Text, double Post)>(StringComparer.Ordinal);
            foreach (var term in text)
            {
                var (inText, inPost) = frequencies.GetValueOrDefault(term);
                frequencies[term] = (inText + 1, inPost);
            }
            AddPostTerms(passage.PostTitle, TitleWeight);
            AddPostTerms(string.Join('\n', passage.Tags), TagWeight);

            foreach (var (term, (inText, inPost)) in frequencies)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }
                list.Add(new Posting(i, inText, inPost));
            }

            void AddPostTerms(string source, double weight)
            {
                foreach (var term in Tokenizer.Tokenize(source))
                {
                    var (inText, inPost) = frequencies.GetValueOrDefault(term);
                    frequencies[term] = (inText, inPost + weight);
                }
            }
        }
        averageLength = passages.Count == 0 ? 0 : lengths.Average();
    }

    /// <summary>The indexed passages, in indexing order.</summary>
    public IReadOnlyList<Passage> Passages { get; }

    /// <summary>Passages containing at least one of <paramref name="queryTerms"/>, best first, at most <paramref name="limit"/>.</summary>
    /// <remarks>Repeated query terms count once: in a chat question repetition carries no meaning.</remarks>
    public List<Bm25Hit> Search(IEnumerable<string> queryTerms, int limit)
    {
        var hits = new Dictionary<int, (double Score, HashSet<string> Matched)>();
        foreach (var term in queryTerms.Distinct(StringComparer.Ordinal))
        {
            if (!postings.TryGetValue(term, out var list))
            {
                continue;
            }
            var idf = Math.Log(1 + ((Passages.Count - list.Count + 0.5) / (list.Count + 0.5)));
            foreach (var posting in list)
            {
                var norm = K1 * (1 - B + (B * lengths[posting.Passage] / averageLength));
                var text = posting.InText * (K1 + 1) / (posting.InText + norm);
                // Titles are short and of similar length, so that field is not length-normalised.
                var post = posting.InPost * (K1 + 1) / (posting.InPost + K1);
                if (!hits.TryGetValue(posting.Passage, out var hit))
                {
                    hit = (0, new HashSet<string>(StringComparer.Ordinal));
                }
                hit.Matched.Add(term);
                hits[posting.Passage] = (hit.Score + (idf * (text + post)), hit.Matched);
            }
        }

        return hits
            .OrderByDescending(entry => entry.Value.Score)
            .ThenBy(entry => entry.Key)
            .Take(limit)
            .Select(entry => new Bm25Hit(Passages[entry.Key], entry.Value.Score, entry.Value.Matched))
            .ToList();
    }

    /// <summary>A term's weighted count in one passage's text and in its post's title and tags.</summary>
    private readonly record struct Posting(int Passage, int InText, double InPost);
}
