using BlazorContact.Core.Assistant;

namespace BlazorContact.Tests.Assistant;

public sealed class TokenizerTests
{
    [Fact]
    public void Chinese_runs_become_overlapping_bigrams()
    {
        Assert.Equal(["聊天", "天窗", "窗口"], Tokenizer.Tokenize("聊天窗口"));
    }

    [Fact]
    public void A_lone_Chinese_character_is_its_own_term()
    {
        Assert.Equal(["用", "nginx"], Tokenizer.Tokenize("用 nginx"));
    }

    [Fact]
    public void Chinese_question_words_and_particles_are_dropped_without_bridging_the_gap()
    {
        Assert.Equal(["部署"], Tokenizer.Tokenize("如何部署？"));
        Assert.Equal(["聊天", "天窗", "窗口", "口嵌", "嵌入", "博客"], Tokenizer.Tokenize("怎么把聊天窗口嵌入我的博客？"));
    }

    [Fact]
    public void Off_topic_Chinese_keeps_only_its_content_words()
    {
        Assert.Equal(["今天", "天天", "天气"], Tokenizer.Tokenize("今天天气怎么样？"));
    }

    [Fact]
    public void English_is_lower_cased_stemmed_and_stripped_of_stop_words()
    {
        Assert.Equal(["widget", "run", "connect"], Tokenizer.Tokenize("The Widgets are running; what's connecting?"));
    }

    [Fact]
    public void Generic_type_names_keep_their_identifier()
    {
        Assert.Equal(["ilogger"], Tokenizer.Tokenize("ILogger<T>"));
    }

    [Fact]
    public void File_names_split_at_the_dot_without_stemming()
    {
        Assert.Equal(["appsettings", "json"], Tokenizer.Tokenize("appsettings.json"));
    }

    [Fact]
    public void Configuration_keys_yield_the_whole_name_and_its_words()
    {
        var terms = Tokenizer.Tokenize("Contact__MaxMessageLength");

        Assert.Equal(["contact", "maxmessagelength", "max", "messag", "length"], terms);
    }

    [Fact]
    public void Acronyms_and_numbers_are_kept_verbatim()
    {
        Assert.Equal(["tls", "wss", "65536", "net", "10"], Tokenizer.Tokenize("TLS, wss, 65536, .NET 10"));
    }

    [Fact]
    public void Mixed_Chinese_and_English_split_at_the_script_boundary()
    {
        Assert.Equal(["blazor", "部署", "nginx"], Tokenizer.Tokenize("Blazor部署nginx"));
    }

    [Fact]
    public void Question_and_document_forms_of_a_word_meet()
    {
        Assert.Equal(Tokenizer.Tokenize("How do I configure logging?"), Tokenizer.Tokenize("configured logs"));
    }
}
