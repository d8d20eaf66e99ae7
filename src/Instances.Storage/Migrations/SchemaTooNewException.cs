namespace Instances.Storage.Migrations;

/// <summary>The database was migrated by a newer build; running against it could corrupt what that build wrote.</summary>
public sealed class SchemaTooNewException(int databaseVersion, int knownVersion)
    : Exception($"The database schema is at version {databaseVersion}, but this build of Instances only knows versions up to {knownVersion}. " +
                "Run a build at least as new as the one that migrated the database, or point ConnectionStrings:Instances at another database.")
{
    public int DatabaseVersion { get; } = databaseVersion;

    public int KnownVersion { get; } = knownVersion;
}
