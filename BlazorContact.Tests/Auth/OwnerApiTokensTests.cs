using System.Security.Cryptography;
using BlazorContact.Core.Inbox;
using BlazorContact.Core.Storage;
using BlazorContact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Auth;

/// <summary>Creating, checking and revoking owner API tokens over a real SQLite file, with a clock the test moves.</summary>
public sealed class OwnerApiTokensTests : IAsyncLifetime
{
    private readonly string _folder = TestFolder.Create();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private SqliteConversationStore _conversations = null!;
    private SqliteOwnerApiTokenStore _store = null!;
    private OwnerApiTokens _tokens = null!;

    public async Task InitializeAsync()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "contact.db")}" });
        _conversations = new SqliteConversationStore(options, NullLogger<SqliteConversationStore>.Instance);
        await _conversations.InitializeAsync(CancellationToken.None);
        _store = new SqliteOwnerApiTokenStore(options);
        _tokens = new OwnerApiTokens(_store, _time, NullLogger<OwnerApiTokens>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _conversations.DisposeAsync();
        TestFolder.Delete(_folder);
    }

    [Fact]
    public void A_secret_is_bc_and_43_base64url_characters_and_no_two_are_alike()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => OwnerApiTokenSecret.Generate()).ToList();

        Assert.All(secrets, s => Assert.Matches("^bc_[A-Za-z0-9_-]{43}$", s));
        Assert.Equal(100, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.NotNull(OwnerApiTokenSecret.TryHash(s)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bc_")]
    [InlineData("BC_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("bc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("bc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("bc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("bc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    public void A_malformed_or_non_canonical_secret_has_no_hash(string? presented) =>
        Assert.Null(OwnerApiTokenSecret.TryHash(presented));

    [Fact]
    public async Task A_created_token_is_stored_as_the_hash_of_its_secret_with_a_short_prefix()
    {
        var created = await _tokens.CreateAsync("  phone  ", CancellationToken.None);

        var stored = Assert.Single(await _store.ListAsync(CancellationToken.None));
        Assert.Equal("phone", stored.Name);
        Assert.Equal(created.Secret[..9], stored.Prefix);
        Assert.Equal(SHA256.HashData(System.Buffers.Text.Base64Url.DecodeFromChars(created.Secret.AsSpan(3))), stored.SecretHash.ToArray());
        Assert.Equal(_time.GetUtcNow(), created.Token.CreatedAt);
    }

    [Fact]
    public async Task A_check_accepts_the_secret_refuses_others_and_refuses_it_once_revoked()
    {
        var created = await _tokens.CreateAsync("bot", CancellationToken.None);

        Assert.Equal(OwnerApiTokenCheckOutcome.Accepted, (await _tokens.CheckAsync(created.Secret, CancellationToken.None)).Outcome);
        Assert.Equal(OwnerApiTokenCheckOutcome.Unknown, (await _tokens.CheckAsync(OwnerApiTokenSecret.Generate(), CancellationToken.None)).Outcome);
        Assert.Equal(OwnerApiTokenCheckOutcome.Malformed, (await _tokens.CheckAsync("bc_nope", CancellationToken.None)).Outcome);

        Assert.True(await _tokens.RevokeAsync(created.Token.Id, CancellationToken.None));
        Assert.False(await _tokens.RevokeAsync(created.Token.Id, CancellationToken.None));
        Assert.Equal(OwnerApiTokenCheckOutcome.Revoked, (await _tokens.CheckAsync(created.Secret, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Last_use_is_written_at_most_once_a_minute()
    {
        var created = await _tokens.CreateAsync("bot", CancellationToken.None);
        var start = _time.GetUtcNow();

        await _tokens.CheckAsync(created.Secret, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(59));
        await _tokens.CheckAsync(created.Secret, CancellationToken.None);
        Assert.Equal(start, await LastUsedAsync());

        _time.Advance(TimeSpan.FromSeconds(1));
        await _tokens.CheckAsync(created.Secret, CancellationToken.None);
        Assert.Equal(start.AddMinutes(1), await LastUsedAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("tab\tinside")]
    public async Task A_blank_or_control_character_name_is_refused_and_nothing_is_stored(string? name)
    {
        Assert.NotNull(OwnerApiTokens.ProblemWithName(name));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _tokens.CreateAsync(name!, CancellationToken.None));
        Assert.Empty(await _store.ListAsync(CancellationToken.None));
    }

    private async Task<DateTimeOffset?> LastUsedAsync() => Assert.Single(await _store.ListAsync(CancellationToken.None)).LastUsedAt;
}
