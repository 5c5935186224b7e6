namespace BlazorContact.Core.Assistant;

/// <summary>A visitor's question as the index sees it: its terms, its language, and how much of it a passage covers.</summary>
internal sealed class ParsedQuestion
{
    public ParsedQuestion(string text)
    {
        Terms = Tokenizer.Tokenize(QuerySynonyms.Rewrite(text));
        IsChinese = text.Any(Tokenizer.IsCjk);
    }

    /// <summary>The question's terms in order, repeats included.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>True when the question contains a Chinese character, so the answer is in Chinese.</summary>
    public bool IsChinese { get; }

    /// <summary>
    /// The fraction of the question that <paramref name="matchedTerms"/> account for, from 0 to 1.
    /// A word counts once; a Chinese run counts one per character, a character being covered when a
    /// matched bigram contains it. Counting bigrams instead would penalise every question for the
    /// bigrams that straddle two words (口嵌 in 窗口嵌入), which match nothing by nature.
    /// </summary>
    public double Coverage(IReadOnlySet<string> matchedTerms)
    {
        var units = 0;
        var covered = 0;
        var i = 0;
        while (i < Terms.Count)
        {
            if (!IsChineseBigram(Terms[i]))
            {
                units++;
                covered += matchedTerms.Contains(Terms[i]) ? 1 : 0;
                i++;
                continue;
            }

            // Consecutive overlapping bigrams (聊天, 天窗, 窗口) spell one run of characters.
            var end = i;
            while (end + 1 < Terms.Count && IsChineseBigram(Terms[end + 1]) && Terms[end + 1][0] == Terms[end][1])
            {
                end++;
            }
            var characters = new bool[end - i + 2];
            for (var k = i; k <= end; k++)
            {
                if (matchedTerms.Contains(Terms[k]))
                {
                    characters[k - i] = characters[k - i + 1] = true;
                }
            }
            units += characters.Length;
            covered += characters.Count(isCovered => isCovered);
            i = end + 1;
        }
        return units == 0 ? 0 : (double)covered / units;
    }

    private static bool IsChineseBigram(string term) => term.Length == 2 && Tokenizer.IsCjk(term[0]) && Tokenizer.IsCjk(term[1]);
}
