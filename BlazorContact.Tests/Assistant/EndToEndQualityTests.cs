using System.Globalization;
using BlazorContact.Core.Assistant;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Assistant;

/// <summary>
/// What a visitor sees, judged end to end on the quality corpus (12 posts nobody tuned on, with
/// confusable groups): an answerable question counts only when the assistant answers and cites the
/// expected post first; an off-topic one only when it abstains. Two sets: <c>dev.tsv</c> (may be tuned
/// on) and <c>heldout.tsv</c> (written before any tuning, never tuned on). See QualityCorpus/README.md.
/// </summary>
public sealed class EndToEndQualityTests(ITestOutputHelper output)
{
    // Baseline of the current answer gate, measured 2026-12-02 before any work on the gate (issue 12):
    // dev hit@1 0.550 (22/40), abstention 0.667 (8/12); held-out hit@1 0.650 (26/40), abstention 0.750 (9/12).
    // These floors sit two questions below that and guard against regressions only; the targets
    // (held-out hit@1 >= 0.9 end to end, abstention >= 0.9) are not met by the current gate.
    private static readonly Dictionary<string, (double HitAt1, double Abstention)> Floors = new()
    {
        ["dev"] = (0.50, 0.58),
        ["heldout"] = (0.60, 0.66),
    };

    private static string CorpusFolder { get; } = RepositoryPaths.Of("BlazorContact.Tests", "Assistant", "QualityCorpus");

    [Theory]
    [InlineData("dev")]
    [InlineData("heldout")]
    public async Task Answers_cite_the_right_post_and_off_topic_questions_are_declined(string set)
    {
        var questions = File.ReadAllLines(Path.Combine(CorpusFolder, $"{set}.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 3))
            .Select(parts => (Url: parts[0] == "none" ? null : parts[0], Question: parts[2]))
            .ToList();
        using var assistant = new KnowledgeBaseAssistant(
            Options.Create(new AssistantOptions { ContentPath = Path.Combine(CorpusFolder, "posts") }), NullLogger<KnowledgeBaseAssistant>.Instance, TimeProvider.System);
        Assert.Equal(12, assistant.PostCount);

        int answerable = 0, right = 0, offTopic = 0, declined = 0;
        foreach (var (url, question) in questions)
        {
            var answer = await assistant.AnswerAsync(new AssistantQuestion("quality", question), CancellationToken.None);
            var cited = answer.Found ? answer.Sources[0].Url : "(declined)";
            if (url is null)
            {
                offTopic++;
                declined += answer.Found ? 0 : 1;
                if (answer.Found)
                {
                    output.WriteLine($"ANSWERED off-topic: {question} -> {cited}");
                }

                continue;
            }

            answerable++;
            if (answer.Found && cited == url)
            {
                right++;
            }
            else
            {
                output.WriteLine($"MISS {question} -> expected {url}, got {cited}");
            }
        }

        var hitAt1 = (double)right / answerable;
        var abstention = (double)declined / offTopic;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set}: end-to-end hit@1 {hitAt1:F3} ({right}/{answerable}), off-topic abstention {abstention:F3} ({declined}/{offTopic})"));
        Assert.True(hitAt1 >= Floors[set].HitAt1, $"{set} hit@1 {hitAt1:F3} below {Floors[set].HitAt1}");
        Assert.True(abstention >= Floors[set].Abstention, $"{set} abstention {abstention:F3} below {Floors[set].Abstention}");
    }
}
