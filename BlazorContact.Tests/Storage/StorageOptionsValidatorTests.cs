using BlazorContact.Core.Storage;

namespace BlazorContact.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    private static readonly StorageOptionsValidator Validator = new();

    [Fact]
    public void Defaults_are_valid() => Assert.True(Validator.Validate(null, new StorageOptions()).Succeeded);

    [Fact]
    public void Each_bad_setting_is_named_in_a_sentence()
    {
        var result = Validator.Validate(null, new StorageOptions { ConnectionString = "Data Source=", MaxBatchSize = 0, BusyTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("ConnectionStrings:Contact", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Storage:MaxBatchSize", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Storage:BusyTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connection_string_that_is_not_SQLite_is_refused()
    {
        var result = Validator.Validate(null, new StorageOptions { ConnectionString = "Host=db;Username=contact" });

        Assert.Contains(result.Failures!, f => f.Contains("is not a SQLite connection string", StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_without_a_PostgreSQL_connection_string_is_refused_with_a_sentence_naming_both_settings()
    {
        var result = Validator.Validate(null, new StorageOptions { Provider = StorageProvider.Postgres });

        Assert.Contains(result.Failures!, f => f.StartsWith("Storage:Provider is Postgres, so ConnectionStrings:Contact must be", StringComparison.Ordinal));
        Assert.True(Validator.Validate(null, new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=db;Database=contact;Username=contact" }).Succeeded);
    }
}
