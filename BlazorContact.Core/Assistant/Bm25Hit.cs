namespace BlazorContact.Core.Assistant;

/// <summary>One search result.</summary>
/// <param name="Passage">The passage found.</param>
/// <param name="Score">Its BM25 score for the query.</param>
/// <param name="MatchedTerms">The query's distinct terms that occur in it (in text, heading, title or tags).</param>
internal sealed record Bm25Hit(Passage Passage, double Score, IReadOnlySet<string> MatchedTerms);
