using System.Buffers;
using System.Text;

namespace BlazorContact.Core.Assistant;

/// <summary>
/// Turns English, Chinese and code-like text into index terms. English words are lower-cased,
/// stop words dropped and Porter-stemmed; Chinese runs become overlapping character bigrams, since
/// Chinese has no spaces and a bigram index finds words without a dictionary; identifiers such as
/// <c>ILogger&lt;T&gt;</c> or <c>appsettings.json</c> keep their exact spelling so they match verbatim.
/// </summary>
internal static class Tokenizer
{
    private static readonly HashSet<string> EnglishStopWords =
    [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "cant", "could", "did", "do", "does", "doing", "dont", "down", "during", "each", "few", "for",
        "from", "further", "had", "has", "have", "having", "he", "hello", "her", "here", "hers", "hi", "him",
        "his", "how", "i", "if", "im", "in", "into", "is", "it", "its", "itself", "just", "me", "more",
        "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
        "out", "over", "own", "please", "same", "she", "should", "so", "some", "such", "tell", "than",
        "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "under", "until", "up", "use", "used", "uses", "using", "very", "want",
        "was", "we", "were", "what", "whats", "when", "where", "which", "while", "who", "whom", "why",
        "will", "with", "would", "you", "your", "yours",
    ];

    /// <summary>
    /// Question and function words that would otherwise dominate short Chinese questions
    /// ("如何部署" should match on 部署, not on 如何). Removing them splits a run, so no bigram
    /// straddles the gap. Measured on the sample posts: without this list, off-topic questions such as
    /// 怎么学英语 matched posts through 怎么 and covered up to 40% of themselves, overlapping real
    /// questions; with it they match nothing. Kept short on purpose: characters such as 会 or 能 also
    /// start content words (会话, 功能), so they stay.
    /// </summary>
    private static readonly string[] ChineseStopWords =
    [
        "为什么", "怎么样", "怎么", "怎样", "如何", "什么", "哪些", "哪里", "哪个", "请问", "一下", "这个", "那个",
        "这些", "那些", "可以", "我们", "你们", "是否", "的", "了", "吗", "呢", "吧", "啊", "呀", "是", "和", "与",
        "把", "被", "我", "你", "也", "就", "都", "很",
    ];

    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouy");

    /// <summary>Separators that, between two words, make them one identifier (file names, generics, config keys).</summary>
    private const string IdentifierJoiners = "._:/\\<>@";

    /// <summary>Splits text into index terms, in order of appearance (duplicates kept for term frequency).</summary>
    public static List<string> Tokenize(string text)
    {
        var terms = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (IsCjk(text[i]))
            {
                while (i < text.Length && IsCjk(text[i]))
                {
                    i++;
                }
                AddChineseRun(text.AsSpan(start, i - start), terms);
            }
            else if (IsChunkChar(text[i]))
            {
                while (i < text.Length && IsChunkChar(text[i]))
                {
                    i++;
                }
                AddChunk(text.AsSpan(start, i - start), terms);
            }
            else
            {
                i++;
            }
        }
        return terms;
    }

    /// <summary>True for Han ideographs (basic and extension A blocks, compatibility ideographs) and kana.</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF')
            or (>= '\u3040' and <= '\u30FF');

    /// <summary>A chunk runs to the next space or CJK character; CJK and full-width punctuation (U+3000 and up) also end it.</summary>
    private static bool IsChunkChar(char c) => !char.IsWhiteSpace(c) && c < '\u3000';

    private static void AddChineseRun(ReadOnlySpan<char> run, List<string> terms)
    {
        var segmentStart = 0;
        var i = 0;
        while (i < run.Length)
        {
            var stopLength = ChineseStopWordLength(run[i..]);
            if (stopLength == 0)
            {
                i++;
                continue;
            }
            AddChineseSegment(run[segmentStart..i], terms);
            i += stopLength;
            segmentStart = i;
        }
        AddChineseSegment(run[segmentStart..], terms);
    }

    private static int ChineseStopWordLength(ReadOnlySpan<char> text)
    {
        foreach (var word in ChineseStopWords)
        {
            if (text.StartsWith(word, StringComparison.Ordinal))
            {
                return word.Length;
            }
        }
        return 0;
    }

    private static void AddChineseSegment(ReadOnlySpan<char> segment, List<string> terms)
    {
        if (segment.Length == 1)
        {
            terms.Add(segment.ToString());
        }
        for (var i = 0; i + 1 < segment.Length; i++)
        {
            terms.Add(segment.Slice(i, 2).ToString());
        }
    }

    /// <summary>
    /// A chunk is a run without spaces, such as <c>ILogger&lt;T&gt;</c>, <c>what's</c> or
    /// <c>https://HOST/contact-widget.js</c>; its words are the letter/digit runs inside.
    /// </summary>
    private static void AddChunk(ReadOnlySpan<char> chunk, List<string> terms)
    {
        var words = new List<string>();
        var isIdentifier = false;
        var sawJoiner = false;
        var word = new StringBuilder();
        for (var i = 0; i < chunk.Length; i++)
        {
            var c = chunk[i];
            if (char.IsLetterOrDigit(c))
            {
                isIdentifier |= word.Length == 0 && sawJoiner;
                word.Append(c);
                continue;
            }
            // Apostrophes inside a word vanish: "what's" → "whats", which the stemmer and stop list know.
            var isApostropheInWord = (c is '\'' or '\u2019') && word.Length > 0
                && i + 1 < chunk.Length && char.IsLetter(chunk[i + 1]);
            if (isApostropheInWord)
            {
                continue;
            }
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
                sawJoiner = false;
            }
            sawJoiner |= words.Count > 0 && IdentifierJoiners.Contains(c, StringComparison.Ordinal);
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        foreach (var w in words)
        {
            AddWord(w, isIdentifier, terms);
        }
    }

    private static void AddWord(string word, bool partOfIdentifier, List<string> terms)
    {
        var lower = word.ToLowerInvariant();
        var parts = CamelCaseParts(word).ToList();
        if (parts.Count > 1 && !word.Any(char.IsDigit))
        {
            // MaxMessageLength: the whole name for exact matches, its parts for "maximum message length".
            terms.Add(lower);
            foreach (var part in parts)
            {
                AddEnglishWord(part.ToLowerInvariant(), terms);
            }
        }
        else if (word.Any(char.IsDigit) || partOfIdentifier || (word.Length > 1 && word.All(char.IsUpper)))
        {
            // Numbers, acronyms and pieces of file names or keys are matched exactly, never stemmed.
            if ((lower.Length > 1 && !EnglishStopWords.Contains(lower)) || char.IsDigit(lower[0]))
            {
                terms.Add(lower);
            }
        }
        else
        {
            AddEnglishWord(lower, terms);
        }
    }

    private static void AddEnglishWord(string lower, List<string> terms)
    {
        if (lower.Length < 2 || EnglishStopWords.Contains(lower))
        {
            return;
        }
        // Words without a vowel are abbreviations (tls, css), which stemming would only damage.
        var isStemmable = lower.All(char.IsAsciiLetterLower) && lower.AsSpan().IndexOfAny(Vowels) >= 0;
        var term = isStemmable ? PorterStemmer.Stem(lower) : lower;
        if (term.Length > 1)
        {
            terms.Add(term);
        }
    }

    /// <summary>Splits camelCase and PascalCase at each lower-to-upper step; acronyms stay whole (SQLite, ILogger).</summary>
    private static IEnumerable<string> CamelCaseParts(string word)
    {
        var start = 0;
        for (var i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]) && char.IsLower(word[i - 1]))
            {
                yield return word[start..i];
                start = i;
            }
        }
        yield return word[start..];
    }
}
