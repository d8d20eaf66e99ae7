using Instances.Storage.Migrations;
using Orleans.Runtime;

namespace Instances.Storage.Hosting;

/// <summary>
/// Migrates the database in the silo's first lifecycle stage, before the Orleans providers read
/// their queries from it. A database newer than this build stops the silo with the migrator's message.
/// </summary>
internal sealed class MigrateOnStart(SchemaMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MigrateOnStart), ServiceLifecycleStage.First, async cancellationToken => await migrator.MigrateAsync(cancellationToken));
}
