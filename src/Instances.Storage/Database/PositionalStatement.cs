using System.Data.Common;
using System.Text.RegularExpressions;

namespace Instances.Storage.Database;

/// <summary>
/// A PostgreSQL statement written with named parameters (<c>@name</c>) and sent with positional ones
/// (<c>$1</c>, unnamed). Npgsql rewrites a statement with named parameters to the positional form on
/// every execution; for the state write, sent for every transition, that parsing was a sixth of what
/// the server allocated under the power workload (dotnet-trace gc-verbose). Here it is done once.
/// </summary>
internal sealed partial class PositionalStatement
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public PositionalStatement(string named)
    {
        Sql = Parameter().Replace(named, match =>
        {
            var name = match.Groups[1].Value;
            if (!_positions.TryGetValue(name, out var position))
            {
                position = _positions.Count;
                _positions.Add(name, position);
            }

            return "$" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The statement as sent.</summary>
    public string Sql { get; }

    /// <summary>
    /// Puts the parameters bound by name (<c>@name</c>, each of the statement's once) in the statement's
    /// order, unnamed; a missing or unknown one is a bug, and fails here rather than in the database.
    /// </summary>
    public void Order(DbParameterCollection parameters)
    {
        var ordered = new DbParameter[_positions.Count];
        foreach (DbParameter parameter in parameters)
        {
            var name = parameter.ParameterName.TrimStart('@');
            if (!_positions.TryGetValue(name, out var position) || ordered[position] is not null)
            {
                throw new InvalidOperationException($"Parameter '{name}' is not in the statement, or bound twice.");
            }

            ordered[position] = parameter;
        }

        parameters.Clear();
        for (var i = 0; i < ordered.Length; i++)
        {
            var parameter = ordered[i] ?? throw new InvalidOperationException($"Parameter ${i + 1} of the statement is not bound.");
            parameter.ParameterName = string.Empty;
            parameters.Add(parameter);
        }
    }

    [GeneratedRegex("@([a-z_][a-z0-9_]*)")]
    private static partial Regex Parameter();
}
