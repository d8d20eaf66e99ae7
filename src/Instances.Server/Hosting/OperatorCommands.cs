using System.CommandLine;
using Instances.Server.Security;
using Instances.Storage.Configuration;
using Instances.Storage.Database;
using Instances.Storage.Migrations;

namespace Instances.Server.Hosting;

/// <summary>
/// The operator's verbs, run instead of the service when the first argument names one:
/// <c>migrate</c> applies pending schema migrations and exits; <c>rebuild-projection</c> refills the
/// list projection from grain state; <c>mint-token</c> prints a development JWT. Configuration
/// arguments (<c>--Instances:Storage=PostgreSQL</c>) pass through, and environment variables and
/// appsettings.json count as for the service.
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] Verbs = ["migrate", "rebuild-projection", "mint-token", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args)
    {
        var migrate = new Command("migrate", "Apply pending schema migrations to the configured database, then exit.");
        migrate.SetAction((result, cancellationToken) => WithDatabaseAsync(result, MigrateAsync, cancellationToken));
        var rebuild = new Command("rebuild-projection", "Refill the list projection (instance_summaries) from grain state, then exit.");
        rebuild.SetAction((result, cancellationToken) => WithDatabaseAsync(result, RebuildAsync, cancellationToken));
        var root = new RootCommand("Instances operator commands. Without a command, the service runs.") { migrate, rebuild, MintTokenCommand.Create() };
        foreach (var command in root.Subcommands)
        {
            command.TreatUnmatchedTokensAsErrors = false;
        }

        return root.Parse(args).InvokeAsync();
    }

    private static async Task<int> WithDatabaseAsync(ParseResult result, Func<StorageDatabase, ILoggerFactory, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder([.. result.UnmatchedTokens]);
        using var host = builder.Build();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();
        try
        {
            var settings = StorageSettings.From(builder.Configuration);
            if (!settings.IsDurable)
            {
                await Console.Error.WriteLineAsync($"{StorageSettings.ModeKey} is Memory: there is no database to work on.");
                return 2;
            }

            await using var database = StorageDatabase.Create(settings);
            return await action(database, loggers, cancellationToken);
        }
        catch (Exception refused) when (refused is SchemaTooNewException or StorageConfigurationException)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return 3;
        }
    }

    private static async Task<int> MigrateAsync(StorageDatabase database, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var migrator = new SchemaMigrator(database, loggers.CreateLogger<SchemaMigrator>());
        var applied = await migrator.MigrateAsync(cancellationToken);
        var now = await migrator.CurrentVersionAsync(cancellationToken);
        Console.WriteLine(applied.Count == 0
            ? $"{database.Settings.Describe()}: schema is up to date at version {now}."
            : $"{database.Settings.Describe()}: applied migration(s) {string.Join(", ", applied)}; schema is at version {now}.");
        return 0;
    }

    private static async Task<int> RebuildAsync(StorageDatabase database, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await new SchemaMigrator(database, loggers.CreateLogger<SchemaMigrator>()).MigrateAsync(cancellationToken);
        var count = await new Storage.Projection.ProjectionRebuilder(database).RebuildAsync(cancellationToken);
        Console.WriteLine($"{database.Settings.Describe()}: the list projection now holds {count} instance(s).");
        return 0;
    }
}
