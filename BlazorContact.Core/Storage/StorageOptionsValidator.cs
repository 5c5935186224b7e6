using Microsoft.Extensions.Options;

namespace BlazorContact.Core.Storage;

/// <summary>Fails start-up with a sentence when a storage setting is missing or out of range.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (options.Provider == StorageProvider.Postgres)
        {
            if (!TryReadPostgresHost(options.ConnectionString, out var error))
            {
                failures.Add(
                    $"Storage:Provider is Postgres, so ConnectionStrings:Contact must be a PostgreSQL connection string ({error}), " +
                    "e.g. Host=db.example.com;Database=contact;Username=contact;Password=….");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("ConnectionStrings:Contact must name a SQLite file, e.g. Data Source=data/contact.db.");
        }
        else if (!TryReadDataSource(options.ConnectionString, out var error))
        {
            failures.Add($"ConnectionStrings:Contact is not a SQLite connection string ({error}); e.g. Data Source=data/contact.db.");
        }

        if (options.MaxBatchSize is < 1 or > 10_000)
        {
            failures.Add($"Storage:MaxBatchSize must be between 1 and 10000 (was {options.MaxBatchSize}).");
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Storage:BusyTimeout must be positive, e.g. 00:00:05 (was {options.BusyTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool TryReadPostgresHost(string? connectionString, out string? error)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "it is empty";
            return false;
        }

        try
        {
            var host = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Host;
            error = string.IsNullOrWhiteSpace(host) ? "no Host" : null;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
        }

        return error is null;
    }

    private static bool TryReadDataSource(string connectionString, out string? error)
    {
        try
        {
            var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            error = string.IsNullOrWhiteSpace(dataSource) ? "no Data Source" : null;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
        }

        return error is null;
    }
}
