using System.Data.Common;

namespace Instances.Storage.Database;

internal static class DbCommandExtensions
{
    /// <summary>Adds a named parameter; null becomes <see cref="DBNull"/>.</summary>
    public static DbCommand AddParameter(this DbCommand command, string name, object? value)
    {
        command.Parameters.Add(Named(command.CreateParameter(), name, value));
        return command;
    }

    /// <inheritdoc cref="AddParameter(DbCommand, string, object?)"/>
    public static DbBatchCommand AddParameter(this DbBatchCommand command, string name, object? value)
    {
        command.Parameters.Add(Named(command.CreateParameter(), name, value));
        return command;
    }

    private static DbParameter Named(DbParameter parameter, string name, object? value)
    {
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }
}
