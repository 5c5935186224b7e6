namespace BlazorContact.Core.Assistant;

/// <summary>The visitor-facing wording of the knowledge-base assistant, in Chinese or English.</summary>
internal static class AnswerText
{
    /// <summary>Answers are cut to about this many characters; the link leads to the rest.</summary>
    public const int MaxExcerptLength = 400;

    // The offer to pass the question on is acted upon by the conversation, not here: an answer with
    // Found == false tells the caller to remember the question, and an affirmative next message
    // (是/好/yes/ok) turns it into a contact request. See AssistantAnswer.Found.
    public const string NotFoundChinese = "抱歉，我在博客文章里没有找到与您的问题相关的内容。回复“是”即可把您的问题转给博主，博主会亲自回复您。";

    public const string NotFoundEnglish = "Sorry, I couldn't find anything about that in the blog's posts. Reply \"yes\" to pass your question to the owner, who will answer you in person.";

    public static string NotFound(bool chinese) => chinese ? NotFoundChinese : NotFoundEnglish;

    /// <summary>The answer quoting <paramref name="best"/>, with an optional second post to read.</summary>
    public static string Found(bool chinese, Passage best, Passage? seeAlso)
    {
        var excerpt = Excerpt(best.Text);
        var text = chinese
            ? $"根据《{best.PostTitle}》：\n{excerpt}\n\n原文：{best.PostUrl}"
            : $"From \"{best.PostTitle}\":\n{excerpt}\n\nRead more: {best.PostUrl}";
        if (seeAlso is null)
        {
            return text;
        }
        return chinese
            ? $"{text}\n另见：《{seeAlso.PostTitle}》 {seeAlso.PostUrl}"
            : $"{text}\nSee also: \"{seeAlso.PostTitle}\" {seeAlso.PostUrl}";
    }

    /// <summary>
    /// Shortens <paramref name="text"/> to about <paramref name="maxLength"/> characters, preferring
    /// the last sentence or line end that keeps at least half of it; a cut inside a sentence ends in "…".
    /// A text at most a quarter over the limit is kept whole: cutting off its last line (often the
    /// closing brace of a config block) would cost more than it saves.
    /// </summary>
    public static string Excerpt(string text, int maxLength = MaxExcerptLength)
    {
        if (text.Length <= maxLength * 5 / 4)
        {
            return text;
        }
        for (var i = maxLength - 1; i >= maxLength / 2; i--)
        {
            var endsSentence = text[i] is '。' or '！' or '？' or '；'
                || ((text[i] is '.' or '!' or '?') && char.IsWhiteSpace(text[i + 1]));
            if (endsSentence || text[i + 1] == '\n')
            {
                return text[..(i + 1)].TrimEnd();
            }
        }
        var space = text.LastIndexOf(' ', maxLength - 1, maxLength / 2);
        return text[..(space > 0 ? space : maxLength - 1)].TrimEnd() + "…";
    }
}
