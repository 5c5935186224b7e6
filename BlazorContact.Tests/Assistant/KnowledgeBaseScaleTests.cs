using System.Diagnostics;
using BlazorContact.Core.Assistant;
using Xunit.Abstractions;

namespace BlazorContact.Tests.Assistant;

/// <summary>1,000 generated posts: the index builds in seconds and answers in milliseconds.</summary>
public sealed class KnowledgeBaseScaleTests(ITestOutputHelper output) : IDisposable
{
    private const int PostCount = 1_000;
    private const int QueryCount = 200;

    private static readonly string[] EnglishTopics = ["nginx", "systemd", "backup", "sqlite", "websocket", "logging", "docker", "tls", "widget", "origin", "resume", "timeout"];
    private static readonly string[] ChineseTopics = ["部署", "备份", "日志", "证书", "嵌入", "配置", "数据库", "反向代理", "超时", "重连", "通知", "收件箱"];

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("scale-posts-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void A_thousand_posts_index_in_seconds_and_answer_in_milliseconds()
    {
        var random = new Random(42);
        for (var i = 0; i < PostCount; i++)
        {
            var en = EnglishTopics[i % EnglishTopics.Length];
            var zh = ChineseTopics[(i / 3) % ChineseTopics.Length];
            var sections = string.Join("\n\n", Enumerable.Range(0, 6).Select(s =>
                $"## Part {s} about {en}\n\nThis section {i}-{s} explains how {en} works with {EnglishTopics[random.Next(EnglishTopics.Length)]} in production. " +
                $"本节介绍{zh}和{ChineseTopics[random.Next(ChineseTopics.Length)]}的做法，第{s}步要注意的地方很多。\n\n```bash\nrun-step-{s} --post {i}\n```"));
            File.WriteAllText(Path.Combine(folder.FullName, $"post-{i:D4}.md"),
                $"---\ntitle: Post {i} on {en} / {zh}\ntags: [{en}, {zh}]\n---\n\nIntro {i}.\n\n{sections}\n");
        }

        var build = Stopwatch.StartNew();
        var knowledge = KnowledgeBase.Build(folder.FullName);
        build.Stop();

        string[] questions = ["how do I back up sqlite in production?", "nginx 反向代理超时怎么办？", "ILogger<T> logging", "怎么嵌入聊天窗口", "docker tls certificate", "收件箱通知"];
        var latencies = new List<double>(QueryCount);
        for (var i = 0; i < QueryCount; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var question = new ParsedQuestion(questions[i % questions.Length]);
            var hits = knowledge.Index.Search(question.Terms, 20);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.NotEmpty(hits);
        }
        latencies.Sort();
        var median = latencies[latencies.Count / 2];
        var p95 = latencies[(int)(latencies.Count * 0.95)];

        output.WriteLine($"{knowledge.PostCount} posts, {knowledge.Index.Passages.Count} passages: build {build.Elapsed.TotalMilliseconds:F0} ms; query median {median:F2} ms, p95 {p95:F2} ms over {QueryCount} queries");
        Assert.Equal(PostCount, knowledge.PostCount);
        Assert.True(build.Elapsed < TimeSpan.FromSeconds(10), $"build took {build.Elapsed}");
        Assert.True(median < 20, $"median query {median:F2} ms");
    }
}
