namespace Instances.Testing;

/// <summary>
/// Polling with a deadline: the only way tests wait for asynchronous work. Linked into the test
/// projects that use it (tests/Shared is not a project of its own).
/// </summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within the deadline; last value: {value}");
            }

            await Task.Delay(20);
        }
    }
}
