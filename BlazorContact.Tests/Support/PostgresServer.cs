using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace BlazorContact.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: <c>initdb</c> into a temporary folder, listening on
/// 127.0.0.1 only, on a free port, its unix socket in that folder, with fsync on (durability is what the
/// store promises). Started with <c>pg_ctl -w</c>, stopped and deleted at the end. PostgreSQL refuses to run
/// as root, so as root it runs as the <c>postgres</c> OS user. It can be stopped and started again on the same
/// port (an outage). When it can't start, the fixture fails with the server's log: a PostgreSQL test never skips.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string OsUser = "postgres";
    private string _bin = "";
    private int _port;

    /// <summary>The cluster's folder: <c>data</c>, the socket and <c>server.log</c>.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "blazorcontact-pg", Guid.NewGuid().ToString("N"));

    private string DataFolder => Path.Combine(Folder, "data");

    private string LogFile => Path.Combine(Folder, "server.log");

    /// <summary>A connection string to <paramref name="database"/> (as the superuser; trust over loopback).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = OsUser, Database = database, Pooling = true }.ToString();

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        Directory.CreateDirectory(Folder);
        if (RunningAsRoot)
        {
            await RunAsync("chown", [OsUser, Folder], asPostgres: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataFolder, "-U", OsUser, "--auth=trust", "-E", "UTF8", "--no-locale"]);
        _port = LoopbackPort.Free();
        await StartAsync();
    }

    /// <summary>Starts the stopped server again, on the same port and data.</summary>
    public Task StartAsync() =>
        RunAsync(Path.Combine(_bin, "pg_ctl"),
        [
            "-D", DataFolder, "-l", LogFile, "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {_port} -k {Folder} -c fsync=on -c synchronous_commit=on -c max_connections=200",
            "start",
        ]);

    /// <summary>Stops the server (fast shutdown: sessions are ended); connections to it break.</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-w", "-m", "fast", "stop"]);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0");
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending any session still on it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Runs one statement on the maintenance database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-w", "-m", "immediate", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test that stopped it failed before starting it again).
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary><c>pg_config --bindir</c> when it is on the PATH, else the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    private static string FindBinaries()
    {
        try
        {
            using var pgConfig = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var bindir = pgConfig.StandardOutput.ReadToEnd().Trim();
            pgConfig.WaitForExit();
            if (pgConfig.ExitCode == 0 && File.Exists(Path.Combine(bindir, "initdb")))
            {
                return bindir;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on the PATH; look in the Debian layout.
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(folder => Path.Combine(folder, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no pg_config on the PATH and no /usr/lib/postgresql/*/bin/initdb. Install the postgresql package (scripts/test.sh does).");
    }


    private async Task RunAsync(string program, string[] arguments, bool asPostgres = true)
    {
        var start = RunningAsRoot && asPostgres
            ? new ProcessStartInfo("runuser", ["-u", OsUser, "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Folder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no server log)";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}\nserver log:\n{log}");
        }

        // pg_ctl start leaves the server holding the pipes; the reads above end when pg_ctl itself exits them.
        await Task.WhenAll(output, error);
    }
}

/// <summary>Test classes on the one PostgreSQL server of the run; they run one after another (one stops it for an outage).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
