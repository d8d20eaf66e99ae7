using Instances.Storage.Configuration;
using Microsoft.Extensions.Configuration;

namespace Instances.UnitTests;

public class StorageSettingsTests
{
    private static StorageSettings From(params (string Key, string Value)[] values) =>
        StorageSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void WithNothingConfiguredItIsTheSqliteFileUnderData()
    {
        var settings = From();

        Assert.Equal(StorageMode.Sqlite, settings.Mode);
        Assert.Contains($"Data Source={Path.GetFullPath("./data/instances.db")}", settings.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(SqliteSynchronous.Full, settings.SqliteSynchronous);
        Assert.True(settings.IsDurable);
    }

    [Fact]
    public void ASqliteConnectionStringChoosesTheFileAndTuningKeysApply()
    {
        var settings = From(("ConnectionStrings:Instances", "Data Source=/var/lib/instances/x.db"), ("Instances:Sqlite:Synchronous", "Normal"), ("Instances:Sqlite:MaxConnections", "4"));

        Assert.Contains("Data Source=/var/lib/instances/x.db", settings.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(SqliteSynchronous.Normal, settings.SqliteSynchronous);
        Assert.Equal(4, settings.SqliteMaxConnections);
        Assert.Equal("Sqlite (/var/lib/instances/x.db)", settings.Describe());
    }

    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("postgresql")]
    public void PostgresModeIsCaseInsensitiveAndNeverDescribesThePassword(string mode)
    {
        var settings = From(("Instances:Storage", mode), ("ConnectionStrings:Instances", "Host=db.example;Port=5433;Database=instances;Username=u;Password=secret"));

        Assert.Equal(StorageMode.PostgreSQL, settings.Mode);
        Assert.Equal("PostgreSQL (db.example:5433/instances)", settings.Describe());
        Assert.DoesNotContain("secret", settings.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryModeIsNotDurable()
    {
        var settings = From(("Instances:Storage", "Memory"));

        Assert.False(settings.IsDurable);
        Assert.Equal("Memory", settings.Describe());
    }

    [Theory]
    [InlineData("Instances:Storage", "Postgres", "expected one of Sqlite, PostgreSQL, Memory")]
    [InlineData("Instances:Storage", "PostgreSQL", "needs ConnectionStrings:Instances")]
    [InlineData("ConnectionStrings:Instances", "Data Source=:memory:", "must name a SQLite file")]
    public void SettingsThatCannotWorkSayWhichKeyToFix(string key, string value, string message)
    {
        var refused = Assert.Throws<StorageConfigurationException>(() => From((key, value)));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
