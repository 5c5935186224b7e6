using System.Globalization;
using BlazorContact.Core.Assistant;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Assistant;

/// <summary>
/// Measures the retriever on the question set in <c>questions.tsv</c>: hit@1 and hit@3 (the expected
/// post is first, or among the first three distinct posts of the ranked passages), and how often the
/// assistant rightly says it does not know. Prints the numbers; fails when they fall below the floors.
/// </summary>
public sealed class RetrievalQualityTests(ITestOutputHelper output)
{
    // Measured (README, "The assistant"): before query synonyms hit@1 0.717 (33/46), hit@3 0.935;
    // after, hit@1 0.870 (40/46), hit@3 1.000 (46/46), no-answer 1.000 (11/11), answered with the right
    // post 0.609 (28/46; the coverage threshold declines some rightly ranked paraphrases on purpose).
    // Each floor sits two to three questions below the measurement (one question is ~2%), so a
    // ranking change that loses a few questions fails, while the test does not flap on one.
    private const double MinimumHitAt1 = 0.8;
    private const double MinimumHitAt3 = 0.95;
    private const double MinimumNoAnswerAccuracy = 0.8;

    /// <summary>"Answered, and with the right post": hit@1 minus what the relevance thresholds decline.</summary>
    private const double MinimumAnsweredCorrectly = 0.55;

    private static string QuestionFile { get; } =
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(SamplePosts.Folder)))!, "BlazorContact.Tests", "Assistant", "questions.tsv");

    private static List<(string? Url, string Question)> LoadQuestions() =>
        File.ReadAllLines(QuestionFile)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Select(parts => (parts[0] == "none" ? null : parts[0], parts[1]))
            .ToList();

    [Fact]
    public void The_question_set_is_large_enough_and_half_Chinese()
    {
        var questions = LoadQuestions();
        var answerable = questions.Where(q => q.Url is not null).ToList();

        Assert.True(answerable.Count >= 40, $"{answerable.Count} answerable questions");
        Assert.True(answerable.Count(q => q.Question.Any(Tokenizer.IsCjk)) * 2 >= answerable.Count, "at least half Chinese");
        Assert.True(questions.Count(q => q.Url is null) >= 8, "at least 8 off-topic questions");
        var posts = PostFolder.Load(SamplePosts.Folder).Select(post => post.Url).ToHashSet();
        Assert.All(answerable, q => Assert.Contains(q.Url!, posts));
    }

    [Fact]
    public async Task Retriever_hit_rates_and_no_answer_accuracy_stay_above_their_floors()
    {
        var questions = LoadQuestions();
        var index = KnowledgeBase.Build(SamplePosts.Folder).Index;
        using var assistant = new KnowledgeBaseAssistant(
            Options.Create(new AssistantOptions { ContentPath = SamplePosts.Folder }), NullLogger<KnowledgeBaseAssistant>.Instance, TimeProvider.System);

        int answerable = 0, hitAt1 = 0, hitAt3 = 0, answeredCorrectly = 0, offTopic = 0, declined = 0;
        foreach (var (url, question) in questions)
        {
            var answer = await assistant.AnswerAsync(new AssistantQuestion("quality", question), CancellationToken.None);
            if (url is null)
            {
                offTopic++;
                declined += answer.Found ? 0 : 1;
                if (answer.Found)
                {
                    output.WriteLine($"ANSWERED off-topic: {question} -> {answer.Sources[0].Url}");
                }
                continue;
            }

            answerable++;
            var ranked = index.Search(new ParsedQuestion(question).Terms, 50)
                .Select(hit => hit.Passage.PostUrl)
                .Distinct()
                .ToList();
            var rank = ranked.IndexOf(url) + 1;
            hitAt1 += rank == 1 ? 1 : 0;
            hitAt3 += rank is >= 1 and <= 3 ? 1 : 0;
            answeredCorrectly += answer.Found && answer.Sources[0].Url == url ? 1 : 0;
            if (rank != 1 || !answer.Found)
            {
                output.WriteLine($"MISS rank {rank} found={answer.Found}: {question} -> expected {url}, got {string.Join(", ", ranked.Take(3))}");
            }
        }

        var rates = (HitAt1: Rate(hitAt1, answerable), HitAt3: Rate(hitAt3, answerable), NoAnswer: Rate(declined, offTopic), Answered: Rate(answeredCorrectly, answerable));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hit@1 {rates.HitAt1:F3} ({hitAt1}/{answerable}), hit@3 {rates.HitAt3:F3} ({hitAt3}/{answerable}), no-answer {rates.NoAnswer:F3} ({declined}/{offTopic}), answered with the right post {rates.Answered:F3} ({answeredCorrectly}/{answerable})"));

        Assert.True(rates.HitAt1 >= MinimumHitAt1, $"hit@1 {rates.HitAt1:F3} < {MinimumHitAt1}");
        Assert.True(rates.HitAt3 >= MinimumHitAt3, $"hit@3 {rates.HitAt3:F3} < {MinimumHitAt3}");
        Assert.True(rates.NoAnswer >= MinimumNoAnswerAccuracy, $"no-answer {rates.NoAnswer:F3} < {MinimumNoAnswerAccuracy}");
        Assert.True(rates.Answered >= MinimumAnsweredCorrectly, $"answered correctly {rates.Answered:F3} < {MinimumAnsweredCorrectly}");
    }

    private static double Rate(int count, int total) => total == 0 ? 0 : (double)count / total;
}
