namespace Instances.Storage.Configuration;

/// <summary>Where clustering, grain state, reminders and the list projection live (<c>Instances:Storage</c>).</summary>
public enum StorageMode
{
    /// <summary>The embedded default: one SQLite file, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every node of a cluster.</summary>
    PostgreSQL,

    /// <summary>Process memory: tests and demos; nothing survives a restart.</summary>
    Memory,
}
