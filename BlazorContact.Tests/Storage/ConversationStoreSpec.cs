using System.Collections.Concurrent;
using BlazorContact.Core.Protocol;
using BlazorContact.Core.Storage;

namespace BlazorContact.Tests.Storage;

/// <summary>
/// What every storage provider guarantees (the contract written on <see cref="IConversationStore"/>,
/// <see cref="IOwnerCredentialStore"/>, <see cref="IKeyRingStore"/> and <see cref="IOwnerApiTokenStore"/>), written once and run against each
/// provider by a derived class, as SignalR's <c>ScaleoutHubLifetimeManagerTests&lt;TBackplane&gt;</c> is.
/// Each test gets a fresh database.
/// </summary>
public abstract class ConversationStoreSpec : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private StorageUnderTest? _storage;

    private IConversationStore Store => _storage!.Conversations;

    /// <summary>Creates this test's fresh, empty database.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>Opens the provider's stores on this test's database and initializes them, as the server's start does.</summary>
    protected abstract Task<StorageUnderTest> OpenAsync();

    /// <summary>Deletes this test's database (its stores are closed by then).</summary>
    protected abstract Task DeleteDatabaseAsync();

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _storage = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }

        await DeleteDatabaseAsync();
    }

    [Fact]
    public async Task Acknowledged_writes_are_there_after_the_store_is_reopened()
    {
        var at = new DateTimeOffset(2025, 3, 1, 16, 30, 15, 123, 456, TimeSpan.FromHours(8));
        var visitor = await VisitorAsync("c1", "hello", "m1", at);
        var reply = await ReplyAsync("c1", "hi there", visitor.MessageId, at.AddSeconds(1));
        await Store.AddContactRequestAsync(Request("c1", "call me", "Ann", "ann@example.com", at.AddSeconds(2)), None);
        await Store.SetOwnerTookOverAsync("c1", true, None);
        await Store.SetClosedAsync("c1", true, None);

        await ReopenAsync();

        var messages = await Store.GetMessagesAsync("c1", None);
        Assert.Equal([(visitor.MessageId, "hello"), (reply.Id, "hi there")], messages.Select(m => (m.Id, m.Text)));
        Assert.Equal(at, messages[0].CreatedAt);
        Assert.Equal(TimeSpan.Zero, messages[0].CreatedAt.Offset);
        Assert.Equal("m1", messages[0].ClientMessageId);
        Assert.Equal(visitor.MessageId, messages[1].ReplyTo);
        var summary = await SummaryAsync("c1");
        Assert.True(summary.OwnerTookOver);
        Assert.True(summary.Closed);
        Assert.Equal("Ann", summary.VisitorName);
        Assert.Equal(1, summary.ContactRequestCount);
        var resent = await VisitorAsync("c1", "hello", "m1", at.AddMinutes(1));
        Assert.True(resent.Duplicate);
        Assert.Equal(visitor.MessageId, resent.MessageId);
    }

    [Fact]
    public async Task A_reply_to_an_unknown_conversation_fails_alone_not_as_unavailable_and_stores_nothing()
    {
        await VisitorAsync("c1", "first");
        var good = Enumerable.Range(0, 50).Select(i => VisitorAsync("c1", $"good {i}")).ToList();
        var bad = ReplyAsync("no-such-conversation", "lost", null, T0);
        good.AddRange(Enumerable.Range(50, 50).Select(i => VisitorAsync("c1", $"good {i}")));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.IsNotType<StorageUnavailableException>(error);
        await Task.WhenAll(good);
        Assert.Equal(101, (await Store.GetMessagesAsync("c1", None)).Count);
        Assert.Empty(await Store.GetMessagesAsync("no-such-conversation", None));
        Assert.Empty(await Store.SearchMessagesAsync("lost", 10, None));
    }

    [Fact]
    public async Task Concurrent_resends_of_one_client_message_id_store_one_message_and_all_get_its_id()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => VisitorAsync("c1", "only once", "m1")));

        Assert.Single(results.Select(r => r.MessageId).Distinct());
        Assert.Single(results, r => !r.Duplicate);
        Assert.Single(await Store.GetMessagesAsync("c1", None));
    }

    [Fact]
    public async Task A_resend_reports_answered_once_a_reply_to_it_is_stored()
    {
        var original = await VisitorAsync("c1", "question", "m1");
        var other = await VisitorAsync("c1", "another question", "m2");
        await ReplyAsync("c1", "answer to the other", other.MessageId);

        var before = await VisitorAsync("c1", "question", "m1");
        await ReplyAsync("c1", "answer", original.MessageId);
        var after = await VisitorAsync("c1", "question", "m1");

        Assert.False(original.Duplicate);
        Assert.False(original.Answered);
        Assert.True(before.Duplicate);
        Assert.False(before.Answered);
        Assert.True(after.Duplicate);
        Assert.True(after.Answered);
        Assert.Equal(original.MessageId, after.MessageId);
    }

    [Fact]
    public async Task A_client_message_id_is_unique_per_conversation_and_a_missing_one_never_makes_a_duplicate()
    {
        var first = await VisitorAsync("c1", "same id", "m1");
        var elsewhere = await VisitorAsync("c2", "same id", "m1");
        var plain1 = await VisitorAsync("c1", "no id");
        var plain2 = await VisitorAsync("c1", "no id");

        Assert.False(elsewhere.Duplicate);
        Assert.NotEqual(first.MessageId, elsewhere.MessageId);
        Assert.False(plain2.Duplicate);
        Assert.NotEqual(plain1.MessageId, plain2.MessageId);
    }

    [Fact]
    public async Task Ids_increase_and_replies_after_a_cursor_are_exactly_the_later_replies()
    {
        var v1 = await VisitorAsync("c1", "v1");
        var r1 = await ReplyAsync("c1", "r1", v1.MessageId);
        var v2 = await VisitorAsync("c1", "v2");
        var r2 = await ReplyAsync("c1", "r2", null, sender: Senders.Owner);
        await ReplyAsync("c2-other", "elsewhere", null, ensure: true);
        var r3 = await ReplyAsync("c1", "r3", v2.MessageId);

        Assert.True(v1.MessageId > 0);
        long[] ids = [v1.MessageId, r1.Id, v2.MessageId, r2.Id, r3.Id];
        Assert.Equal(ids.Order(), ids);
        Assert.Equal([r1.Id, r2.Id, r3.Id], (await Store.GetRepliesAfterAsync("c1", 0, None)).Select(m => m.Id));
        Assert.Equal([r2.Id, r3.Id], (await Store.GetRepliesAfterAsync("c1", r1.Id, None)).Select(m => m.Id));
        Assert.Equal([r2.Id, r3.Id], (await Store.GetRepliesAfterAsync("c1", v2.MessageId, None)).Select(m => m.Id));
        Assert.Equal([r3.Id], (await Store.GetRepliesAfterAsync("c1", r2.Id, None)).Select(m => m.Id));
        Assert.Empty(await Store.GetRepliesAfterAsync("c1", r3.Id, None));
        Assert.Equal(Senders.Owner, (await Store.GetRepliesAfterAsync("c1", r1.Id, None))[0].Sender);
    }

    [Fact]
    public async Task Five_hundred_writes_fired_at_once_across_twenty_conversations_are_all_stored_with_distinct_ids()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => VisitorAsync($"c{i % 20}", $"message {i}", $"m{i}")));

        Assert.Equal(500, results.Select(r => r.MessageId).Distinct().Count());
        Assert.All(results, r => Assert.False(r.Duplicate));
        for (var c = 0; c < 20; c++)
        {
            var messages = await Store.GetMessagesAsync($"c{c}", None);
            Assert.Equal(25, messages.Count);
            Assert.Equal(
                results.Where((_, i) => i % 20 == c).Select(r => r.MessageId).Order(),
                messages.Select(m => m.Id));
        }
    }

    [Fact]
    public async Task Each_conversation_keeps_its_order_while_twenty_conversations_write_concurrently()
    {
        var sent = new ConcurrentDictionary<string, List<long>>();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async c =>
        {
            var ids = sent.GetOrAdd($"c{c}", _ => []);
            for (var i = 0; i < 25; i++)
            {
                ids.Add(i % 5 == 4
                    ? (await ReplyAsync($"c{c}", $"{i}", ids[^1])).Id
                    : (await VisitorAsync($"c{c}", $"{i}", $"m{i}")).MessageId);
            }
        }));

        Assert.Equal(500, sent.Values.SelectMany(ids => ids).Distinct().Count());
        foreach (var (conversation, ids) in sent)
        {
            var messages = await Store.GetMessagesAsync(conversation, None);
            Assert.Equal(ids, messages.Select(m => m.Id));
            Assert.Equal(Enumerable.Range(0, 25).Select(i => $"{i}"), messages.Select(m => m.Text));
        }
    }

    [Fact]
    public async Task A_reader_resuming_from_its_last_seen_id_never_misses_a_reply_written_concurrently()
    {
        await VisitorAsync("c1", "start");
        var written = new ConcurrentBag<long>();
        var writers = Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                written.Add((await ReplyAsync("c1", $"w{w} r{i}", null)).Id);
            }
        })));

        var seen = new List<long>();
        var cursor = 0L;
        while (true)
        {
            var done = writers.IsCompleted;
            foreach (var reply in await Store.GetRepliesAfterAsync("c1", cursor, None))
            {
                Assert.True(reply.Id > cursor, $"reply {reply.Id} came after cursor {cursor}");
                seen.Add(reply.Id);
                cursor = reply.Id;
            }

            if (done)
            {
                break;
            }

            await Task.Yield();
        }

        await writers;
        Assert.Equal(written.Order(), seen);
    }

    [Fact]
    public async Task Concurrent_replies_form_one_chain_per_conversation_each_naming_the_reply_before_it()
    {
        await VisitorAsync("c1", "start");
        await VisitorAsync("c2", "start");
        var replies = new ConcurrentBag<StoredMessage>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                replies.Add(await ReplyAsync(i % 2 == 0 ? "c1" : "c2", $"w{w} r{i}", null, sender: w % 2 == 0 ? Senders.Owner : Senders.Assistant));
                // Visitor messages between replies are not links of the chain.
                await VisitorAsync(i % 2 == 0 ? "c1" : "c2", $"w{w} v{i}");
            }
        })));

        foreach (var conversation in new[] { "c1", "c2" })
        {
            var chain = replies.Where(r => r.ConversationId == conversation).OrderBy(r => r.Id).ToList();
            Assert.Equal(60, chain.Count);
            Assert.Equal(0, chain[0].PreviousReplyId);
            for (var i = 1; i < chain.Count; i++)
            {
                Assert.Equal(chain[i - 1].Id, chain[i].PreviousReplyId);
            }
        }
    }

    [Fact]
    public async Task A_visitor_message_reports_the_latest_reply_committed_before_it()
    {
        Assert.Equal(0, (await VisitorAsync("c1", "first")).LastReplyId);
        var reply = await ReplyAsync("c1", "answer", null);
        await ReplyAsync("c2", "elsewhere", null, ensure: true);
        Assert.Equal(reply.Id, (await VisitorAsync("c1", "second", "k1")).LastReplyId);
        var later = await ReplyAsync("c1", "owner", null, sender: Senders.Owner);
        Assert.Equal(later.Id, (await VisitorAsync("c1", "second again", "k1")).LastReplyId);
        await ReopenAsync();
        Assert.Equal(later.Id, (await VisitorAsync("c1", "after reopen")).LastReplyId);
        Assert.Equal(later.Id, (await ReplyAsync("c1", "next", null)).PreviousReplyId);
    }

    [Fact]
    public async Task Last_reply_ids_come_for_many_conversations_at_once_and_leave_out_unknown_ones()
    {
        var ids = Enumerable.Range(0, 1200).Select(i => $"c{i}").ToArray();
        foreach (var id in ids)
        {
            await VisitorAsync(id, "hello");
        }

        var replied = await ReplyAsync("c7", "one", null);
        var latest = await ReplyAsync("c1100", "two", null);
        var result = await Store.GetLastReplyIdsAsync([.. ids, "unknown"], None);
        Assert.Equal(1200, result.Count);
        Assert.Equal(replied.Id, result["c7"]);
        Assert.Equal(latest.Id, result["c1100"]);
        Assert.Equal(0, result["c0"]);
        Assert.False(result.ContainsKey("unknown"));
        Assert.Empty(await Store.GetLastReplyIdsAsync([], None));
    }

    [Fact]
    public async Task Search_finds_a_Chinese_substring_without_word_splitting()
    {
        var hit = await VisitorAsync("c1", "我想问一下部署到服务器的问题");
        await VisitorAsync("c1", "部分内容");

        Assert.Equal([hit.MessageId], (await Store.SearchMessagesAsync("部署", 10, None)).Select(m => m.Id));
        Assert.Equal([hit.MessageId], (await Store.SearchMessagesAsync("署到服", 10, None)).Select(m => m.Id));
        Assert.Empty(await Store.SearchMessagesAsync("部署问题", 10, None));
    }

    [Fact]
    public async Task Search_ignores_ASCII_case()
    {
        var hit = await VisitorAsync("c1", "How do I deploy behind NGINX?");
        await VisitorAsync("c1", "something else");

        Assert.Equal([hit.MessageId], (await Store.SearchMessagesAsync("nginx", 10, None)).Select(m => m.Id));
        Assert.Equal([hit.MessageId], (await Store.SearchMessagesAsync("DEPLOY Behind", 10, None)).Select(m => m.Id));
    }

    [Fact]
    public async Task Search_takes_percent_underscore_and_backslash_literally()
    {
        var percent = await VisitorAsync("c1", "100% sure");
        await VisitorAsync("c1", "1000 sure");
        var underscore = await VisitorAsync("c1", "snake_case");
        await VisitorAsync("c1", "snakeXcase");
        var backslash = await VisitorAsync("c1", @"C:\temp");
        await VisitorAsync("c1", "C:temp");

        Assert.Equal([percent.MessageId], (await Store.SearchMessagesAsync("0%", 10, None)).Select(m => m.Id));
        Assert.Equal([underscore.MessageId], (await Store.SearchMessagesAsync("e_c", 10, None)).Select(m => m.Id));
        Assert.Equal([backslash.MessageId], (await Store.SearchMessagesAsync(@":\t", 10, None)).Select(m => m.Id));
    }

    [Fact]
    public async Task Search_covers_every_conversation_and_sender_newest_first_up_to_the_limit()
    {
        var first = await VisitorAsync("c1", "widget question");
        var second = await ReplyAsync("c1", "the widget is one script tag", first.MessageId);
        var third = await VisitorAsync("c2", "my widget is broken");
        await VisitorAsync("c2", "unrelated");

        Assert.Equal([third.MessageId, second.Id, first.MessageId], (await Store.SearchMessagesAsync("widget", 10, None)).Select(m => m.Id));
        Assert.Equal([third.MessageId, second.Id], (await Store.SearchMessagesAsync("widget", 2, None)).Select(m => m.Id));
    }

    [Fact]
    public async Task The_list_is_latest_activity_first_filtered_by_open_or_closed_and_limited()
    {
        await VisitorAsync("a", "a", at: T0);
        await VisitorAsync("b", "b", at: T0.AddMinutes(1));
        await VisitorAsync("c", "c", at: T0.AddMinutes(2));
        await ReplyAsync("a", "reply", null, T0.AddMinutes(3));
        await Store.SetClosedAsync("c", true, None);

        Assert.Equal(["a", "c", "b"], await ListAsync(ConversationFilter.All, 10));
        Assert.Equal(["a", "b"], await ListAsync(ConversationFilter.Open, 10));
        Assert.Equal(["c"], await ListAsync(ConversationFilter.Closed, 10));
        Assert.Equal(["a", "c"], await ListAsync(ConversationFilter.All, 2));
        Assert.Equal(T0.AddMinutes(3), (await SummaryAsync("a")).LastActivityAt);
    }

    [Fact]
    public async Task A_summary_shows_the_last_message_and_counts_unread_until_the_owner_reads()
    {
        await VisitorAsync("c1", "first", at: T0);
        await ReplyAsync("c1", "reply", null, T0.AddSeconds(1));
        await VisitorAsync("c1", "second", at: T0.AddSeconds(2));
        await Store.AddContactRequestAsync(Request("c1", "please write back", null, null, T0.AddSeconds(3)), None);

        var summary = await SummaryAsync("c1");
        Assert.Equal(("second", Senders.Visitor), (summary.LastMessageText, summary.LastMessageSender));
        Assert.Equal(3, summary.UnreadCount);
        Assert.Equal(1, summary.ContactRequestCount);
        Assert.Equal(T0, summary.CreatedAt);
        Assert.Equal(T0.AddSeconds(3), summary.LastActivityAt);
        Assert.Equal(("test agent", "192.0.2.1", "/posts/hello"), (summary.UserAgent, summary.RemoteAddress, summary.Page));

        await Store.MarkReadAsync("c1", T0.AddSeconds(2), None);
        Assert.Equal(1, (await SummaryAsync("c1")).UnreadCount);
        await Store.MarkReadAsync("c1", T0, None);
        Assert.Equal(1, (await SummaryAsync("c1")).UnreadCount);
        await Store.MarkReadAsync("c1", T0.AddSeconds(3), None);
        Assert.Equal(0, (await SummaryAsync("c1")).UnreadCount);

        await ReplyAsync("c1", "owner's last word", null, T0.AddSeconds(4), Senders.Owner);
        summary = await SummaryAsync("c1");
        Assert.Equal(("owner's last word", Senders.Owner), (summary.LastMessageText, summary.LastMessageSender));
        Assert.Equal(0, summary.UnreadCount);
    }

    [Fact]
    public async Task A_conversation_with_only_a_contact_request_has_no_last_message()
    {
        await Store.AddContactRequestAsync(Request("c1", "call me", "Ann", null, T0), None);

        var summary = await SummaryAsync("c1");
        Assert.Null(summary.LastMessageText);
        Assert.Null(summary.LastMessageSender);
        Assert.Equal(1, summary.UnreadCount);
    }

    [Fact]
    public async Task A_closed_conversation_reopens_when_the_visitor_writes_again()
    {
        await VisitorAsync("c1", "hello", at: T0);
        await Store.SetClosedAsync("c1", true, None);
        Assert.True((await SummaryAsync("c1")).Closed);

        await VisitorAsync("c1", "still there?", at: T0.AddHours(1));
        var summary = await SummaryAsync("c1");
        Assert.False(summary.Closed);
        Assert.Equal(T0.AddHours(1), summary.LastActivityAt);

        await Store.SetClosedAsync("c1", true, None);
        await Store.AddContactRequestAsync(Request("c1", "call me", null, null, T0.AddHours(2)), None);
        Assert.False((await SummaryAsync("c1")).Closed);

        await Store.SetClosedAsync("c1", true, None);
        await Store.SetClosedAsync("c1", false, None);
        Assert.False((await SummaryAsync("c1")).Closed);
    }

    [Fact]
    public async Task Taking_over_shows_on_the_conversation_and_on_the_next_visitor_message()
    {
        var before = await VisitorAsync("c1", "hello", "m1");
        await Store.SetOwnerTookOverAsync("c1", true, None);
        var during = await VisitorAsync("c1", "is a person there?");
        var resent = await VisitorAsync("c1", "hello", "m1");

        Assert.False(before.OwnerTookOver);
        Assert.True(during.OwnerTookOver);
        Assert.True(resent.Duplicate);
        Assert.True(resent.OwnerTookOver);
        Assert.True((await Store.FindConversationAsync("c1", None))!.OwnerTookOver);
        Assert.True((await SummaryAsync("c1")).OwnerTookOver);

        await Store.SetOwnerTookOverAsync("c1", false, None);
        Assert.False((await VisitorAsync("c1", "bye")).OwnerTookOver);
    }

    [Fact]
    public async Task Contact_requests_are_kept_in_order_and_put_the_visitor_name_and_email_on_the_conversation()
    {
        var first = await Store.AddContactRequestAsync(Request("c1", "first", "Ann", "ann@example.com", T0), None);
        var second = await Store.AddContactRequestAsync(Request("c1", "second", null, null, T0.AddSeconds(1)), None);
        Assert.Equal(("Ann", "ann@example.com"), await VisitorOfAsync("c1"));

        var third = await Store.AddContactRequestAsync(Request("c1", "third", null, "ann@work.example", T0.AddSeconds(2)), None);
        Assert.Equal(("Ann", "ann@work.example"), await VisitorOfAsync("c1"));

        var requests = await Store.GetContactRequestsAsync("c1", None);
        Assert.Equal([first, second, third], requests.Select(r => r.Id));
        Assert.Equal(["first", "second", "third"], requests.Select(r => r.Text));
        Assert.Equal(("c1", "request agent", "Ann", "ann@example.com", "/contact", T0), (requests[0].ConversationId, requests[0].UserAgent, requests[0].Name, requests[0].Email, requests[0].Page, requests[0].ReceivedAt));
        Assert.Empty(await Store.GetContactRequestsAsync("c2", None));
    }

    [Fact]
    public async Task Recent_messages_page_backwards_and_come_oldest_first()
    {
        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(i % 2 == 0 ? (await VisitorAsync("c1", $"{i}")).MessageId : (await ReplyAsync("c1", $"{i}", null)).Id);
        }

        await VisitorAsync("c2", "other conversation");

        var latest = await Store.GetRecentMessagesAsync("c1", null, 3, None);
        Assert.Equal(ids[7..], latest.Select(m => m.Id));
        var earlier = await Store.GetRecentMessagesAsync("c1", latest[0].Id, 3, None);
        Assert.Equal(ids[4..7], earlier.Select(m => m.Id));
        Assert.Equal(ids[..4], (await Store.GetRecentMessagesAsync("c1", earlier[0].Id, 100, None)).Select(m => m.Id));
        Assert.Empty(await Store.GetRecentMessagesAsync("c1", ids[0], 100, None));
        Assert.Equal(ids, (await Store.GetMessagesAsync("c1", None)).Select(m => m.Id));
    }

    [Fact]
    public async Task A_session_token_finds_its_conversation()
    {
        await VisitorAsync("c1", "hello", at: T0);
        await VisitorAsync("c2", "hello", at: T0.AddSeconds(1));

        var found = await Store.FindBySessionTokenAsync("token-c1", None);
        Assert.NotNull(found);
        Assert.Equal(("c1", SessionTokenHash.Of("token-c1"), T0, "test agent", "192.0.2.1", false), (found.Id, found.SessionTokenHash, found.CreatedAt, found.UserAgent, found.RemoteAddress, found.OwnerTookOver));
        // Only the hash is stored, and the hash itself resumes nothing.
        Assert.Null(await Store.FindBySessionTokenAsync(found.SessionTokenHash, None));
        Assert.Equal("c2", (await Store.FindConversationAsync("c2", None))!.Id);
        Assert.Null(await Store.FindBySessionTokenAsync("token-unknown", None));
        Assert.Null(await Store.FindBySessionTokenAsync("TOKEN-C1", None));
        Assert.Null(await Store.FindConversationAsync("unknown", None));
        Assert.Null(await Store.GetSummaryAsync("unknown", None));
    }

    [Fact]
    public async Task Owner_actions_on_an_unknown_conversation_change_nothing()
    {
        await Store.SetClosedAsync("unknown", true, None);
        await Store.SetOwnerTookOverAsync("unknown", true, None);
        await Store.MarkReadAsync("unknown", T0, None);

        Assert.Null(await Store.FindConversationAsync("unknown", None));
        Assert.Empty(await ListAsync(ConversationFilter.All, 10));
    }

    [Fact]
    public async Task The_first_owner_password_hash_wins_and_survives_a_reopen()
    {
        Assert.Null(await _storage!.OwnerCredentials.GetPasswordHashAsync(None));

        Assert.True(await _storage.OwnerCredentials.TryCreatePasswordHashAsync("first", T0, None));
        Assert.False(await _storage.OwnerCredentials.TryCreatePasswordHashAsync("second", T0, None));
        await ReopenAsync();

        Assert.Equal("first", await _storage.OwnerCredentials.GetPasswordHashAsync(None));
        Assert.False(await _storage.OwnerCredentials.TryCreatePasswordHashAsync("third", T0, None));
    }

    [Fact]
    public async Task Of_racing_first_password_hashes_exactly_one_wins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => _storage!.OwnerCredentials.TryCreatePasswordHashAsync($"hash {i}", T0, None))));

        var winner = Assert.Single(Enumerable.Range(0, 10), i => results[i]);
        Assert.Equal($"hash {winner}", await _storage!.OwnerCredentials.GetPasswordHashAsync(None));
    }

    [Fact]
    public async Task The_key_ring_keeps_its_elements_in_order_and_the_first_of_a_name_across_a_reopen()
    {
        Assert.Empty(_storage!.KeyRing.GetAll());

        _storage.KeyRing.Store("key-1", "<key id=\"1\" />");
        _storage.KeyRing.Store("key-2", "<key id=\"2\">秘密</key>");
        _storage.KeyRing.Store("key-1", "<key id=\"1\" changed=\"true\" />");
        await ReopenAsync();

        Assert.Equal(
            [new KeyRingElement("key-1", "<key id=\"1\" />"), new KeyRingElement("key-2", "<key id=\"2\">秘密</key>")],
            _storage.KeyRing.GetAll());
    }

    [Fact]
    public async Task Api_tokens_are_listed_newest_first_without_use_or_revocation_and_survive_a_reopen()
    {
        Assert.Empty(await _storage!.ApiTokens.ListAsync(None));

        var first = await _storage.ApiTokens.CreateAsync(new NewOwnerApiToken("phone", "bc_AAAA", Hash(1), T0), None);
        var second = await _storage.ApiTokens.CreateAsync(new NewOwnerApiToken("备份脚本", "bc_BBBB", Hash(2), T0.AddMinutes(1)), None);
        await ReopenAsync();

        var tokens = await _storage.ApiTokens.ListAsync(None);
        Assert.Equal([(second.Id, "备份脚本", "bc_BBBB", T0.AddMinutes(1)), (first.Id, "phone", "bc_AAAA", T0)],
            tokens.Select(t => (t.Id, t.Name, t.Prefix, t.CreatedAt)));
        Assert.All(tokens, t => Assert.Null(t.LastUsedAt));
        Assert.All(tokens, t => Assert.False(t.IsRevoked));
        Assert.Equal(Hash(2), tokens[0].SecretHash.ToArray());
    }

    [Fact]
    public async Task An_api_token_is_found_by_its_hash_and_by_no_other()
    {
        var stored = await _storage!.ApiTokens.CreateAsync(new NewOwnerApiToken("bot", "bc_AAAA", Hash(1), T0), None);

        var found = await _storage.ApiTokens.FindByHashAsync(Hash(1), None);
        Assert.Equal((stored.Id, "bot"), (found?.Id, found?.Name));
        Assert.Equal(Hash(1), found!.SecretHash.ToArray());
        Assert.Null(await _storage.ApiTokens.FindByHashAsync(Hash(9), None));
    }

    [Fact]
    public async Task Storing_an_api_token_hash_twice_fails_and_keeps_the_first()
    {
        await _storage!.ApiTokens.CreateAsync(new NewOwnerApiToken("first", "bc_AAAA", Hash(1), T0), None);

        await Assert.ThrowsAnyAsync<Exception>(() => _storage.ApiTokens.CreateAsync(new NewOwnerApiToken("second", "bc_AAAA", Hash(1), T0), None));
        Assert.Equal(["first"], (await _storage.ApiTokens.ListAsync(None)).Select(t => t.Name));
    }

    [Fact]
    public async Task A_revoked_api_token_stays_listed_and_found_as_revoked_at_its_first_revocation()
    {
        var stored = await _storage!.ApiTokens.CreateAsync(new NewOwnerApiToken("bot", "bc_AAAA", Hash(1), T0), None);

        Assert.True(await _storage.ApiTokens.RevokeAsync(stored.Id, T0.AddHours(1), None));
        Assert.False(await _storage.ApiTokens.RevokeAsync(stored.Id, T0.AddHours(2), None));
        Assert.False(await _storage.ApiTokens.RevokeAsync(stored.Id + 100, T0.AddHours(2), None));
        await ReopenAsync();

        Assert.Equal(T0.AddHours(1), Assert.Single(await _storage.ApiTokens.ListAsync(None)).RevokedAt);
        Assert.True((await _storage.ApiTokens.FindByHashAsync(Hash(1), None))!.IsRevoked);
    }

    [Fact]
    public async Task An_api_token_last_use_only_moves_forward()
    {
        var stored = await _storage!.ApiTokens.CreateAsync(new NewOwnerApiToken("bot", "bc_AAAA", Hash(1), T0), None);
        var other = await _storage.ApiTokens.CreateAsync(new NewOwnerApiToken("other", "bc_BBBB", Hash(2), T0), None);

        await _storage.ApiTokens.RecordUseAsync(stored.Id, T0.AddMinutes(5), None);
        await _storage.ApiTokens.RecordUseAsync(stored.Id, T0.AddMinutes(2), None);
        await _storage.ApiTokens.RecordUseAsync(stored.Id + 100, T0.AddMinutes(9), None);

        Assert.Equal(T0.AddMinutes(5), (await _storage.ApiTokens.FindByHashAsync(Hash(1), None))!.LastUsedAt);
        Assert.Null((await _storage.ApiTokens.FindByHashAsync(Hash(2), None))!.LastUsedAt);
        Assert.NotEqual(stored.Id, other.Id);
    }

    /// <summary>Closes the stores and opens them again on the same database, as a server restart does.</summary>
    protected async Task ReopenAsync()
    {
        var open = _storage!;
        _storage = null;
        await open.DisposeAsync();
        _storage = await OpenAsync();
    }

    private static byte[] Hash(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)(seed + i))];

    private static ConversationOrigin Origin(string conversationId) =>
        new(conversationId, $"token-{conversationId}", "test agent", "192.0.2.1", "/posts/hello");

    private static NewContactRequest Request(string conversationId, string text, string? name, string? email, DateTimeOffset at) =>
        new(Origin(conversationId), text, "2025-03-01T08:00:00Z", "request agent", name, email, "/contact", at);

    private Task<VisitorMessageResult> VisitorAsync(string conversationId, string text, string? clientMessageId = null, DateTimeOffset? at = null) =>
        Store.AppendVisitorMessageAsync(new NewVisitorMessage(Origin(conversationId), text, "2025-03-01T08:00:00Z", clientMessageId, at ?? T0), None);

    private async Task<StoredMessage> ReplyAsync(
        string conversationId, string text, long? replyTo, DateTimeOffset? at = null, string sender = Senders.Assistant, bool ensure = false)
    {
        if (ensure)
        {
            await VisitorAsync(conversationId, "opening");
        }

        return await Store.AppendReplyAsync(new NewReply(conversationId, sender, text, replyTo, at ?? T0), None);
    }

    private async Task<ConversationSummary> SummaryAsync(string conversationId) =>
        await Store.GetSummaryAsync(conversationId, None) ?? throw new InvalidOperationException($"No conversation {conversationId}.");

    private async Task<(string?, string?)> VisitorOfAsync(string conversationId)
    {
        var summary = await SummaryAsync(conversationId);
        return (summary.VisitorName, summary.VisitorEmail);
    }

    private async Task<string[]> ListAsync(ConversationFilter filter, int limit) =>
        [.. (await Store.ListConversationsAsync(filter, limit, None)).Select(s => s.Id)];
}
