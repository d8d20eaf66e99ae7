using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Instances.StorageTests.Databases;

/// <summary>
/// A real, private PostgreSQL server for tests: a throwaway cluster (initdb) in a temp directory,
/// trust authentication, listening on 127.0.0.1 on a free port with its unix socket inside the
/// temp directory. It never touches the machine's own PostgreSQL service.
/// </summary>
/// <remarks>
/// <para>Two ways to get one:</para>
/// <list type="bullet">
/// <item><see cref="SharedAsync"/>: one lazily started server per test process, shared by every
/// test (each test takes its own database with <see cref="CreateDatabaseAsync"/>); it is stopped
/// and deleted when the process exits. Never stop it: other tests are using it.</item>
/// <item><see cref="StartNewAsync"/>: a private server the caller owns and disposes — for tests that
/// stop and start the server (outages).</item>
/// </list>
/// <para>Binaries are taken from the highest /usr/lib/postgresql/*/bin. If there are none and the
/// process runs as root with apt-get, the <c>postgresql</c> package is installed once, serialised
/// across concurrently running test processes by an exclusive lock on
/// <c>/tmp/instances-pg-install.lock</c>. If PostgreSQL still cannot be had, both methods throw
/// Xunit's SkipException (via <c>Skip.If</c>) with the reason, so a <c>[SkippableFact]</c> calling them
/// is reported as skipped rather than failed. Other test projects can reuse this class by linking
/// the file (<c>&lt;Compile Include="..\Instances.StorageTests\Databases\PostgresServer.cs" /&gt;</c>)
/// and referencing Npgsql and Xunit.SkippableFact.</para>
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable, IDisposable
{
    private const string InstallLockPath = "/tmp/instances-pg-install.lock";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallDeadline = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static PostgresServer? shared;
    private static string? sharedUnavailable;

    private readonly string binDirectory;
    private readonly string rootDirectory;
    private readonly bool runAsPostgresUser;
    private int disposed;

    private PostgresServer(string binDirectory, string rootDirectory, int port, bool runAsPostgresUser)
    {
        this.binDirectory = binDirectory;
        this.rootDirectory = rootDirectory;
        this.runAsPostgresUser = runAsPostgresUser;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1; the same across <see cref="StopAsync"/>/<see cref="StartAsync"/>.</summary>
    public int Port { get; }

    /// <summary>The major version of the binaries in use, e.g. "15".</summary>
    public string Version => new DirectoryInfo(binDirectory).Parent!.Name;

    private string DataDirectory => Path.Combine(rootDirectory, "data");

    private string SocketDirectory => Path.Combine(rootDirectory, "sock");

    private string LogFile => Path.Combine(rootDirectory, "server.log");

    /// <summary>Connection string of the administrative "postgres" database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>The process-wide server, started on first use and removed at process exit.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            Skip.If(sharedUnavailable is not null, sharedUnavailable);
            if (shared is null)
            {
                try
                {
                    shared = await StartNewAsync();
                }
                catch (Exception e) when (IsSkip(e))
                {
                    sharedUnavailable = e.Message;
                    throw;
                }

                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.Dispose();
            }

            return shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>Starts a new private server that the caller owns (and must dispose).</summary>
    public static async Task<PostgresServer> StartNewAsync()
    {
        var bin = await LocateOrInstallBinariesAsync();
        var asRoot = Environment.IsPrivilegedProcess;
        await SweepOrphansAsync(bin, asRoot);
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var root = Path.Combine(Path.GetTempPath(), "instances-pg-" + Guid.NewGuid().ToString("N")[..12]);
            var server = new PostgresServer(bin, root, FreePort(), asRoot);
            try
            {
                await server.InitializeAsync();
                await server.StartAsync();
                return server;
            }
            catch (Exception e) when (!IsSkip(e))
            {
                // Most likely another process took the port between probing and binding.
                last = e;
                await server.DisposeAsync();
            }
        }

        throw new InvalidOperationException("Could not start a private PostgreSQL server.", last);
    }

    /// <summary>Creates a fresh empty database and returns its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "t_" + Guid.NewGuid().ToString("N");
        if (name.Length > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException("Use a lower-case identifier of at most 63 characters.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>Connection string for a database of this server.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        Timeout = 15,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Stops the server (fast shutdown); data and port are kept for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PgCtlAsync(TimeSpan.FromSeconds(60), "stop", "-D", DataDirectory, "-m", "fast", "-w");
    }

    /// <summary>Starts the server (again) on the same port and data directory and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await PgCtlAsync(StartDeadline, "start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60");
        await WaitUntilReadyAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await PgCtlAsync(TimeSpan.FromSeconds(30), "stop", "-D", DataDirectory, "-m", "immediate", "-w");
            }
        }
        catch (InvalidOperationException)
        {
            // Already stopped or never started; the directory goes anyway.
        }

        try
        {
            Directory.Delete(rootDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Removes servers left behind by test processes that died (or were ended before their exit
    /// handler finished): each server directory records its owner process id.
    /// </summary>
    private static async Task SweepOrphansAsync(string bin, bool asRoot)
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), "instances-pg-*"))
        {
            try
            {
                var ownerFile = Path.Combine(directory, "owner.pid");
                var age = DateTime.UtcNow - Directory.GetCreationTimeUtc(directory);
                var ownerAlive = File.Exists(ownerFile)
                    && int.TryParse(await File.ReadAllTextAsync(ownerFile), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                    && IsAlive(pid);
                if (ownerAlive || (!File.Exists(ownerFile) && age < TimeSpan.FromMinutes(10)))
                {
                    continue;
                }

                var orphan = new PostgresServer(bin, directory, 0, asRoot);
                await orphan.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Best effort: another process may be sweeping the same directory.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task InitializeAsync()
    {
        Directory.CreateDirectory(rootDirectory);
        await File.WriteAllTextAsync(Path.Combine(rootDirectory, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(SocketDirectory);
        if (runAsPostgresUser)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync(TimeSpan.FromSeconds(30), "chown", ["-R", "postgres:postgres", rootDirectory]);
        }

        await RunToolAsync(TimeSpan.FromSeconds(120), "initdb",
            "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");

        var settings = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"port = {Port}")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{SocketDirectory}'")
            .AppendLine("max_connections = 300")
            .AppendLine("shared_buffers = 32MB")
            .AppendLine("timezone = 'UTC'")
            // A throwaway test server: durability is not wanted, speed is.
            .AppendLine("fsync = off")
            .AppendLine("synchronous_commit = off")
            .AppendLine("full_page_writes = off");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings.ToString());
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(100);
            }
        }
    }

    private Task<string> PgCtlAsync(TimeSpan deadline, params string[] arguments) => RunToolAsync(deadline, "pg_ctl", arguments);

    private Task<string> RunToolAsync(TimeSpan deadline, string tool, params string[] arguments)
    {
        var executable = Path.Combine(binDirectory, tool);
        return runAsPostgresUser
            ? RunAsync(deadline, "runuser", ["-u", "postgres", "--", executable, .. arguments])
            : RunAsync(deadline, executable, arguments);
    }

    private static async Task<string> LocateOrInstallBinariesAsync()
    {
        var found = LocateBinaries();
        if (found is not null)
        {
            return found;
        }

        var canInstall = Environment.IsPrivilegedProcess && File.Exists("/usr/bin/apt-get");
        Skip.IfNot(canInstall,
            "PostgreSQL tests skipped: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin, " +
            "and they cannot be installed here (needs root and apt-get). Install the 'postgresql' package to run them.");

        await using (await AcquireInstallLockAsync())
        {
            // Another test process may have installed it while this one waited for the lock.
            found = LocateBinaries();
            if (found is not null)
            {
                return found;
            }

            // Where it can be installed it must be: a failed install fails the tests (CI must not
            // quietly skip the PostgreSQL half).
            await RunAsync(InstallDeadline, "apt-get", ["-o", "DPkg::Lock::Timeout=300", "update"]);
            await RunAsync(InstallDeadline, "apt-get",
                ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", "postgresql"],
                ("DEBIAN_FRONTEND", "noninteractive"));
        }

        return LocateBinaries()
            ?? throw new InvalidOperationException("apt-get installed 'postgresql' but no server binaries appeared under /usr/lib/postgresql/*/bin.");
    }

    private static string? LocateBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(root)
            .Select(directory => (directory, major: int.TryParse(Path.GetFileName(directory), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(d => d.major > 0)
            .OrderByDescending(d => d.major)
            .Select(d => Path.Combine(d.directory, "bin"))
            .FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")) && File.Exists(Path.Combine(bin, "postgres")));
    }

    private static async Task<FileStream> AcquireInstallLockAsync()
    {
        var deadline = DateTime.UtcNow + InstallDeadline;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix.
                return new FileStream(InstallLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsSkip(Exception e) => e.GetType().Name == "SkipException";

    private static async Task<string> RunAsync(TimeSpan deadline, string fileName, IEnumerable<string> arguments, params (string Name, string Value)[] environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {deadline}.");
        }

        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} exited with {process.ExitCode}: {text}");
        }

        return text;
    }
}
