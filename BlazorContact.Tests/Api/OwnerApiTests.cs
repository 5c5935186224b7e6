using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlazorContact.Core.Protocol;
using BlazorContact.Tests.Auth;
using BlazorContact.Tests.Support;
using static BlazorContact.Tests.Api.OwnerApiClient;

namespace BlazorContact.Tests.Api;

/// <summary>The owner HTTP API (/api/v1) over real HTTP against the real server, with real WebSocket visitors.</summary>
public sealed class OwnerApiTests(OwnerServerFixture fixture) : IClassFixture<OwnerServerFixture>
{
    private ContactServer Server => fixture.Server;

    [Fact]
    public async Task A_token_lists_reads_and_replies_and_the_reply_reaches_the_visitor_live_and_on_resume()
    {
        await using var visitor = await Server.ConnectAsync();
        var (ack, assistant) = await visitor.ChatAsync("how do I embed the widget?");
        var (secret, _) = await CreateTokenAsync(Server, "phone app");
        using var api = WithToken(Server, secret);

        using var list = await api.GetAsync("/api/v1/conversations?status=open&limit=200");
        var listed = (await JsonOf(list, 200)).GetProperty("conversations").EnumerateArray().ToList();
        var mine = Assert.Single(listed, c => c.GetProperty("id").GetString() == visitor.ConversationId);
        Assert.True(mine.GetProperty("online").GetBoolean());
        Assert.Equal("assistant", mine.GetProperty("last_message_sender").GetString());

        using var read = await api.GetAsync($"/api/v1/conversations/{visitor.ConversationId}");
        var detail = await JsonOf(read, 200);
        Assert.Equal(visitor.ConversationId, detail.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal(
            [(ack.GetProperty("message_id").GetInt64(), "visitor"), (assistant.GetProperty("message_id").GetInt64(), "assistant")],
            detail.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("message").GetProperty("id").GetInt64(), e.GetProperty("message").GetProperty("sender").GetString())));

        using var reply = await api.PostJsonAsync($"/api/v1/conversations/{visitor.ConversationId}/messages", """{"text": "  你好，我是博主  "}""");
        var created = await JsonOf(reply, 201);
        var messageId = created.GetProperty("message_id").GetInt64();
        Assert.Equal($"/api/v1/conversations/{visitor.ConversationId}", reply.Headers.Location?.OriginalString);
        // 201 comes after the commit: the row is there as soon as the answer is.
        Assert.Equal(1, Server.CountRows("SELECT COUNT(*) FROM messages WHERE id = $id AND sender = 'owner' AND text = '你好，我是博主'", ("$id", messageId)));

        var live = await visitor.ExpectAsync("chat_message");
        Assert.Equal((messageId, "owner", "你好，我是博主"), (live.GetProperty("message_id").GetInt64(), live.GetProperty("sender").GetString(), live.GetProperty("message").GetString()));
        Assert.Empty(ServerMessageProblems.Of(live));

        await using var later = await Server.ConnectAsync();
        await later.SendAsync(new Resume(visitor.SessionToken, assistant.GetProperty("message_id").GetInt64()));
        Assert.Equal(1, (await later.ExpectAsync("resumed")).GetProperty("replayed").GetInt32());
        Assert.Equal(messageId, (await later.ExpectAsync("chat_message")).GetProperty("message_id").GetInt64());
    }

    [Fact]
    public async Task A_revoked_token_gets_401_with_a_bearer_challenge_and_a_problem_body()
    {
        var (secret, id) = await CreateTokenAsync(Server);
        using var api = WithToken(Server, secret);
        using (var before = await api.GetAsync("/api/v1/conversations"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var owner = await SignInAsync(Server))
        using (var revoke = await owner.DeleteAsync($"/api/v1/tokens/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var after = await api.GetAsync("/api/v1/conversations");
        var problem = await ProblemOf(after, 401);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
        var challenge = Assert.Single(after.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
    }

    [Theory]
    [InlineData("Bearer bc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not known")]
    [InlineData("Bearer bc_short", "malformed")]
    [InlineData("Bearer bc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "malformed")]
    [InlineData("Bearer bc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", "malformed")]
    [InlineData("Bearer sk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "malformed")]
    [InlineData("Bearer ", "'Bearer <token>'")]
    [InlineData("Basic b3duZXI6cGFzc3dvcmQ=", "must be 'Bearer <token>'")]
    public async Task A_wrong_or_malformed_authorization_header_gets_401_saying_why(string header, string why)
    {
        using var http = new HttpClient { BaseAddress = Server.HttpUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/conversations");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await http.SendAsync(request);

        var problem = await ProblemOf(response, 401);
        Assert.Contains(why, problem.GetProperty("detail").GetString());
        Assert.StartsWith("Bearer realm=", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_with_one_character_changed_is_refused()
    {
        var (secret, _) = await CreateTokenAsync(Server);
        var changed = secret[..^5] + (secret[^5] == 'A' ? 'B' : 'A') + secret[^4..];
        using var api = WithToken(Server, changed);

        using var response = await api.GetAsync("/api/v1/conversations");

        await ProblemOf(response, 401);
    }

    [Fact]
    public async Task No_credentials_get_401_with_a_challenge_not_a_redirect()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.HttpUri };

        using var response = await http.GetAsync("/api/v1/conversations");

        await ProblemOf(response, 401);
        Assert.Null(response.Headers.Location);
        Assert.Equal($"Bearer realm=\"BlazorContact owner API\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_secret_is_not_in_the_database_files_only_its_hash_is()
    {
        var (secret, _) = await CreateTokenAsync(Server, "hash check");
        var raw = Base64UrlDecode(secret["bc_".Length..]);

        var files = new[] { Server.DatabasePath, Server.DatabasePath + "-wal" }.Where(File.Exists).Select(ReadShared).ToList();

        Assert.True(files.Any(bytes => Contains(bytes, SHA256.HashData(raw))), "the token's hash should be stored");
        Assert.All(files, bytes => Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), "the secret is in the database"));
        Assert.All(files, bytes => Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret[12..])), "part of the secret is in the database"));
        Assert.All(files, bytes => Assert.False(Contains(bytes, raw), "the secret's bytes are in the database"));
    }

    [Fact]
    public async Task The_cookie_reads_with_GET_but_changes_nothing_without_the_CSRF_header()
    {
        await using var visitor = await Server.ConnectAsync();
        await visitor.ChatAsync("hello");
        using var browser = await SignInAsync(Server, csrfHeader: false);

        using (var get = await browser.GetAsync($"/api/v1/conversations/{visitor.ConversationId}"))
        {
            await JsonOf(get, 200);
        }

        using (var forged = await browser.PostJsonAsync($"/api/v1/conversations/{visitor.ConversationId}/messages", """{"text": "forged"}"""))
        {
            var problem = await ProblemOf(forged, 403);
            Assert.Contains("X-BlazorContact-Csrf", problem.GetProperty("detail").GetString());
        }

        using (var forgedClose = await browser.PostAsync($"/api/v1/conversations/{visitor.ConversationId}/close"))
        {
            await ProblemOf(forgedClose, 403);
        }

        Assert.Equal(0, Server.CountRows("SELECT COUNT(*) FROM messages WHERE conversation_id = $c AND sender = 'owner'", ("$c", visitor.ConversationId)));
        Assert.Equal(0, Server.CountRows("SELECT COUNT(*) FROM conversations WHERE id = $c AND closed = 1", ("$c", visitor.ConversationId)));

        using var owner = await SignInAsync(Server, csrfHeader: true);
        using var reply = await owner.PostJsonAsync($"/api/v1/conversations/{visitor.ConversationId}/messages", """{"text": "with the header"}""");
        await JsonOf(reply, 201);
        Assert.Equal("with the header", (await visitor.ExpectAsync("chat_message")).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("{}", 400, "text")]
    [InlineData("""{"text": ""}""", 400, "text")]
    [InlineData("""{"text": "   "}""", 400, "text")]
    [InlineData("""{"text": null}""", 400, "text")]
    [InlineData("""{"text": 42}""", 400, "JSON")]
    [InlineData("""{"txt": "hi"}""", 400, "JSON")]
    [InlineData("""{"text": "hi",""", 400, "JSON")]
    [InlineData("not json", 400, "JSON")]
    [InlineData("null", 400, "JSON object")]
    [InlineData("[\"hi\"]", 400, "JSON")]
    public async Task A_bad_reply_body_gets_a_clear_400_and_stores_nothing(string body, int status, string says)
    {
        await using var visitor = await Server.ConnectAsync();
        await visitor.ChatAsync("hello");
        var (secret, _) = await CreateTokenAsync(Server);
        using var api = WithToken(Server, secret);

        using var response = await api.PostJsonAsync($"/api/v1/conversations/{visitor.ConversationId}/messages", body);

        var problem = await ProblemOf(response, status);
        Assert.Contains(says, problem.GetProperty("detail").GetString());
        Assert.Equal(0, Server.CountRows("SELECT COUNT(*) FROM messages WHERE conversation_id = $c AND sender = 'owner'", ("$c", visitor.ConversationId)));
    }

    [Fact]
    public async Task An_overlong_or_non_JSON_reply_is_refused_and_stores_nothing()
    {
        await using var visitor = await Server.ConnectAsync();
        await visitor.ChatAsync("hello");
        var (secret, _) = await CreateTokenAsync(Server);
        using var api = WithToken(Server, secret);
        var path = $"/api/v1/conversations/{visitor.ConversationId}/messages";

        using var tooLong = await api.PostJsonAsync(path, JsonSerializer.Serialize(new { text = new string('长', 4001) }));
        using var plain = await api.PostJsonAsync(path, "hello", "text/plain");
        using var unknown = await api.PostJsonAsync("/api/v1/conversations/no-such-conversation/messages", """{"text": "lost"}""");

        Assert.Contains("longer than 4000", (await ProblemOf(tooLong, 400)).GetProperty("detail").GetString());
        Assert.True((await ProblemOf(tooLong, 400)).GetProperty("errors").TryGetProperty("text", out _));
        await ProblemOf(plain, 415);
        Assert.Contains("no-such-conversation", (await ProblemOf(unknown, 404)).GetProperty("detail").GetString());
        Assert.Equal(0, Server.CountRows("SELECT COUNT(*) FROM messages WHERE sender = 'owner' AND (conversation_id = $c OR text = 'lost')", ("$c", visitor.ConversationId)));
    }

    [Fact]
    public async Task Taking_over_silences_the_assistant_and_handing_back_lets_it_answer_again()
    {
        await using var visitor = await Server.ConnectAsync();
        await visitor.ChatAsync("how do I embed the widget?");
        var (secret, _) = await CreateTokenAsync(Server);
        using var api = WithToken(Server, secret);

        using (var takeover = await api.PostAsync($"/api/v1/conversations/{visitor.ConversationId}/takeover"))
        {
            Assert.True((await JsonOf(takeover, 200)).GetProperty("owner_took_over").GetBoolean());
        }

        await visitor.SendChatAsync("how do I deploy behind nginx?");
        await visitor.ExpectAsync("chat_message_received");
        using (var reply = await api.PostJsonAsync($"/api/v1/conversations/{visitor.ConversationId}/messages", """{"text": "I'll answer this one myself."}"""))
        {
            await JsonOf(reply, 201);
        }

        // Had the assistant answered, its reply would have come first.
        Assert.Equal("owner", (await visitor.ExpectAsync("chat_message")).GetProperty("sender").GetString());

        using (var handback = await api.PostAsync($"/api/v1/conversations/{visitor.ConversationId}/handback"))
        {
            Assert.False((await JsonOf(handback, 200)).GetProperty("owner_took_over").GetBoolean());
        }

        var (_, answer) = await visitor.ChatAsync("how do I embed the widget?");
        Assert.Equal("assistant", answer.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task Close_reopen_and_read_show_on_the_conversation_and_in_the_filters()
    {
        await using var visitor = await Server.ConnectAsync();
        await visitor.ChatAsync("hello");
        var (secret, _) = await CreateTokenAsync(Server);
        using var api = WithToken(Server, secret);
        var id = visitor.ConversationId;

        using (var close = await api.PostAsync($"/api/v1/conversations/{id}/close"))
        {
            Assert.True((await JsonOf(close, 200)).GetProperty("closed").GetBoolean());
        }

        Assert.True(await IsListedAsync(api, "closed", id));
        Assert.False(await IsListedAsync(api, "open", id));
        Assert.True(await IsListedAsync(api, "all", id));

        using (var reopen = await api.PostAsync($"/api/v1/conversations/{id}/reopen"))
        {
            Assert.False((await JsonOf(reopen, 200)).GetProperty("closed").GetBoolean());
        }

        Assert.True(await IsListedAsync(api, "open", id));

        using (var read = await api.PostAsync($"/api/v1/conversations/{id}/read"))
        {
            Assert.Equal(0, (await JsonOf(read, 200)).GetProperty("unread_count").GetInt32());
        }

        using var unknown = await api.PostAsync("/api/v1/conversations/no-such-conversation/close");
        await ProblemOf(unknown, 404);
    }

    [Fact]
    public async Task A_broadcast_reaches_every_connected_visitor()
    {
        await using var first = await Server.ConnectAsync();
        await using var second = await Server.ConnectAsync();
        var (secret, _) = await CreateTokenAsync(Server);
        using var api = WithToken(Server, secret);

        using var response = await api.PostJsonAsync("/api/v1/announcements", """{"text": "博客今晚维护 / maintenance tonight"}""");

        Assert.True((await JsonOf(response, 200)).GetProperty("delivered_to").GetInt32() >= 2);
        foreach (var visitor in new[] { first, second })
        {
            var announcement = await visitor.ExpectAsync("announcement");
            Assert.Equal("博客今晚维护 / maintenance tonight", announcement.GetProperty("message").GetString());
        }

        using var empty = await api.PostJsonAsync("/api/v1/announcements", """{"text": " "}""");
        await ProblemOf(empty, 400);
    }

    [Fact]
    public async Task Search_finds_messages_and_bad_queries_get_400()
    {
        await using var visitor = await Server.ConnectAsync();
        var marker = $"zebra-{Guid.NewGuid():N}";
        await visitor.ChatAsync($"a question about {marker}");
        var (secret, _) = await CreateTokenAsync(Server);
        using var api = WithToken(Server, secret);

        using var found = await api.GetAsync($"/api/v1/search?q={marker.ToUpperInvariant()}&limit=5");
        var message = Assert.Single((await JsonOf(found, 200)).GetProperty("messages").EnumerateArray());
        Assert.Equal(visitor.ConversationId, message.GetProperty("conversation_id").GetString());

        foreach (var bad in new[] { "/api/v1/search", "/api/v1/search?q=x&limit=0", "/api/v1/search?q=x&limit=101", "/api/v1/search?q=x&limit=ten",
                     "/api/v1/conversations?status=archived", "/api/v1/conversations?limit=201" })
        {
            using var response = await api.GetAsync(bad);
            await ProblemOf(response, 400);
        }
    }

    [Fact]
    public async Task Tokens_are_managed_with_the_cookie_only_and_listed_without_their_secret()
    {
        var (secret, id) = await CreateTokenAsync(Server, "备份脚本");
        using var withToken = WithToken(Server, secret);

        using (var mint = await withToken.PostJsonAsync("/api/v1/tokens", """{"name": "more"}"""))
        {
            await ProblemOf(mint, 403);
        }

        using (var revoke = await withToken.DeleteAsync($"/api/v1/tokens/{id}"))
        {
            await ProblemOf(revoke, 403);
        }

        using var owner = await SignInAsync(Server);
        using var list = await owner.GetAsync("/api/v1/tokens");
        var text = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, text);
        var token = Assert.Single((await JsonOf(list, 200)).GetProperty("tokens").EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        Assert.Equal(("备份脚本", secret[..9], false), (token.GetProperty("name").GetString(), token.GetProperty("prefix").GetString(), token.GetProperty("revoked").GetBoolean()));

        using var blank = await owner.PostJsonAsync("/api/v1/tokens", """{"name": "  "}""");
        await ProblemOf(blank, 400);
        using var unknown = await owner.DeleteAsync("/api/v1/tokens/999999");
        await ProblemOf(unknown, 404);
    }

    private static async Task<bool> IsListedAsync(OwnerApiClient api, string status, string id)
    {
        using var response = await api.GetAsync($"/api/v1/conversations?status={status}&limit=200");
        return (await JsonOf(response, 200)).GetProperty("conversations").EnumerateArray().Any(c => c.GetProperty("id").GetString() == id);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
