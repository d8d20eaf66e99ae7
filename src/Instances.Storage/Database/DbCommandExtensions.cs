using System.Data;
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

    /// <summary>Adds a named parameter that may be null, typed as <paramref name="type"/> whether it is or not.</summary>
    /// <remarks><inheritdoc cref="Named(DbParameter, string, object?, DbType)" path="/remarks"/></remarks>
    public static DbBatchCommand AddParameter(this DbBatchCommand command, string name, object? value, DbType type)
    {
        command.Parameters.Add(Named(command.CreateParameter(), name, value, type));
        return command;
    }

    internal static DbParameter Named(DbParameter parameter, string name, object? value)
    {
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }

    /// <summary>A parameter of a statement run many times, whose value is sometimes null.</summary>
    /// <remarks>
    /// An untyped null goes to PostgreSQL as type "unknown". Npgsql prepares a statement automatically on a
    /// connection with the parameter types of the execution that got it prepared, and runs every later execution
    /// whose types differ unprepared (parsed and planned again) on that connection for good. Untyped nulls so left
    /// 13 of 21 connections writing instance states unprepared: those that had first written a new instance (no
    /// version yet, no power state while building). Measured with PostgreSQL's statement log under the power load.
    /// </remarks>
    internal static DbParameter Named(DbParameter parameter, string name, object? value, DbType type)
    {
        Named(parameter, name, value).DbType = type;
        return parameter;
    }
}
