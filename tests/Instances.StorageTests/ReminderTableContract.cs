namespace Instances.StorageTests;

/// <summary>The stock AdoNetReminderTable against our schema: ETags and grain-hash ring ranges.</summary>
public abstract class ReminderTableContract : IDisposable
{
    protected abstract Backend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Upsert_read_and_remove_follow_the_etag()
    {
        var table = await StartAsync();
        var grain = GrainId.Create("reminder-test", "g1");
        var start = new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

        var etag1 = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = start, Period = TimeSpan.FromMinutes(5) });
        Assert.NotNull(etag1);

        var row = await table.ReadRow(grain, "r");
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal(start, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(etag1, row.ETag);

        // A period beyond int milliseconds is bound as a long by the provider.
        var etag2 = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = start, Period = TimeSpan.FromDays(30) });
        Assert.NotEqual(etag1, etag2);
        Assert.Equal(TimeSpan.FromDays(30), (await table.ReadRow(grain, "r"))!.Period);

        await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "other", StartAt = start, Period = TimeSpan.FromMinutes(1) });
        Assert.Equal(["other", "r"], (await table.ReadRows(grain)).Reminders.Select(r => r.ReminderName).Order());

        Assert.False(await table.RemoveRow(grain, "r", etag1!));
        Assert.NotNull(await table.ReadRow(grain, "r"));
        Assert.True(await table.RemoveRow(grain, "r", etag2!));
        Assert.Null(await table.ReadRow(grain, "r"));
        Assert.False(await table.RemoveRow(grain, "r", etag2!));
    }

    [SkippableFact]
    public async Task Hash_ranges_follow_the_unsigned_ring_including_wrap_around()
    {
        var table = await StartAsync();
        var grains = Enumerable.Range(0, 300).Select(i => GrainId.Create("reminder-test", "ring-" + i)).ToArray();
        var start = DateTime.UtcNow;
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "tick", StartAt = start, Period = TimeSpan.FromMinutes(1) });
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        Assert.Contains(hashes, h => h > int.MaxValue); // both halves of the ring are populated
        Assert.Contains(hashes, h => h <= int.MaxValue);

        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue),                        // everything but hash 0
            (0x10000000, 0x60000000),                  // low half only
            (0x90000000, 0xF0000000),                  // high half only (negative as int)
            (0x70000000, 0x90000000),                  // crosses int.MaxValue -> int.MinValue
            (0xF0000000, 0x10000000),                  // wraps past uint.MaxValue -> 0
            (0x60000000, 0x20000000),                  // wraps, nearly the whole ring
            (hashes[10], hashes[200]),                 // bounds on real hashes: (begin, end]
            (hashes[250], hashes[20]),                 // wrapping, bounds on real hashes
            (hashes[42], hashes[42]),                  // begin == end: the whole ring
        };

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRing(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order().ToArray();
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order().ToArray();
            Assert.True(expected.SequenceEqual(actual), $"range ({begin:X8}, {end:X8}]: expected {expected.Length} reminders, got {actual.Length}");
        }

        Assert.Equal(grains.Length, (await table.ReadRows(hashes[42], hashes[42])).Reminders.Count);
        Assert.NotEmpty((await table.ReadRows(0x70000000, 0x90000000)).Reminders);
    }

    /// <summary>Orleans ring range semantics: (begin, end], wrapping when begin &gt;= end.</summary>
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private async Task<IReminderTable> StartAsync()
    {
        var connectionString = await Backend.CreateDatabaseAsync();
        return await Providers.ReminderTableAsync(Backend, connectionString, "svc-" + Guid.NewGuid().ToString("N")[..8]);
    }
}

public sealed class PostgresReminderTableTests : ReminderTableContract
{
    protected override Backend Backend { get; } = new PostgresBackend();
}

public sealed class SqliteReminderTableTests : ReminderTableContract
{
    protected override Backend Backend { get; } = new SqliteBackend();
}
