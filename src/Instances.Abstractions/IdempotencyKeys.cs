namespace Instances.Abstractions;

/// <summary>The rules of an idempotency key that both the gateway and the grain need.</summary>
public static class IdempotencyKeys
{
    /// <summary>How long a key remembers the instance it created.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// The grain key of (project, key). The project is length-prefixed so that no project id and key can
    /// combine into the grain key of another pair, whatever characters either contains.
    /// </summary>
    public static string GrainKey(string projectId, string key) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{projectId.Length}:{projectId}:{key}");

    /// <summary>A key remembered at <paramref name="rememberedAt"/> still holds at <paramref name="now"/>.</summary>
    public static bool IsLive(DateTimeOffset rememberedAt, DateTimeOffset now) => now - rememberedAt < Lifetime;
}
