using Instances.StorageTests.Databases;
using Xunit.Abstractions;

namespace Instances.StorageTests.EndToEnd;

public sealed class SqliteCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryContract(output), IDisposable
{
    private readonly List<SqliteDatabase> _files = [];

    protected override async Task<(string Storage, string ConnectionString)> DatabaseAsync()
    {
        // An empty file: the server migrates it on first start, as the embedded default does.
        var file = await SqliteDatabase.CreateAsync();
        _files.Add(file);
        return ("Sqlite", $"Data Source={file.FilePath}");
    }

    [Fact]
    public Task KilledMidTransitionEveryAcceptedTransitionCompletesAfterRestart() => KilledMidTransitionAsync();

    [Fact]
    public Task StoppedMidTransitionEveryAcceptedTransitionCompletesAfterRestart() => StoppedMidTransitionAsync();

    [Fact]
    public Task StoppedDuringLongDriverStepsTheProcessExitsCleanlyAndEveryTransitionCompletesAfterRestart() => StoppedDuringLongDriverStepsAsync();

    public void Dispose() => _files.ForEach(f => f.Dispose());
}

public sealed class PostgresCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryContract(output)
{
    protected override async Task<(string Storage, string ConnectionString)> DatabaseAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return ("PostgreSQL", await server.CreateDatabaseAsync());
    }

    [SkippableFact]
    public Task KilledMidTransitionEveryAcceptedTransitionCompletesAfterRestart() => KilledMidTransitionAsync();

    [SkippableFact]
    public Task StoppedMidTransitionEveryAcceptedTransitionCompletesAfterRestart() => StoppedMidTransitionAsync();

    [SkippableFact]
    public Task StoppedDuringLongDriverStepsTheProcessExitsCleanlyAndEveryTransitionCompletesAfterRestart() => StoppedDuringLongDriverStepsAsync();
}
