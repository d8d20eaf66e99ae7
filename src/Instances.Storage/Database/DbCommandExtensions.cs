using System.Data.Common;

namespace Instances.Storage.Database;

internal static class DbCommandExtensions
{
    /// <summary>Adds a named parameter; null becomes <see cref="DBNull"/>.</summary>
    public static DbCommand AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
