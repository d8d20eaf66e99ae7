namespace Instances.Storage.Configuration;

/// <summary>
/// SQLite's <c>synchronous</c> setting (<c>Instances:Sqlite:Synchronous</c>). <see cref="Full"/> syncs
/// the WAL on every commit, so an acknowledged operation survives a power cut; <see cref="Normal"/>
/// survives a process crash but may lose the last commits on power loss, and is faster.
/// </summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
}
