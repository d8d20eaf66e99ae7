using Instances.Storage.Database;
using Npgsql;

namespace Instances.UnitTests;

/// <summary>The state write's statement is sent with positional parameters: names become $n once, bound values follow that order.</summary>
public sealed class PositionalStatementTests
{
    private static readonly PositionalStatement Statement = new("SELECT @b, @a FROM t WHERE x = @b AND CAST(@c AS integer) IS NULL");

    [Fact]
    public void EachNameBecomesThePositionOfItsFirstUseAndRepeatsReuseIt() =>
        Assert.Equal("SELECT $1, $2 FROM t WHERE x = $1 AND CAST($3 AS integer) IS NULL", Statement.Sql);

    [Fact]
    public void ParametersBoundByNameInAnyOrderAreSentUnnamedInTheStatementsOrder()
    {
        var command = new NpgsqlCommand();
        command.Parameters.AddWithValue("@c", 3);
        command.Parameters.AddWithValue("@a", 1);
        command.Parameters.AddWithValue("b", 2);

        Statement.Order(command.Parameters);

        Assert.Equal([2, 1, 3], command.Parameters.Select(p => (int)p.Value!));
        Assert.All(command.Parameters, p => Assert.Equal("", p.ParameterName));
    }

    [Theory]
    [InlineData("@a", "@b")] // @c missing
    [InlineData("@a", "@b", "@c", "@d")] // @d unknown
    [InlineData("@a", "@b", "@c", "@a")] // @a twice
    public void AMissingUnknownOrRepeatedParameterFailsBeforeTheDatabase(params string[] names)
    {
        var command = new NpgsqlCommand();
        foreach (var name in names)
        {
            command.Parameters.AddWithValue(name, 0);
        }

        Assert.Throws<InvalidOperationException>(() => Statement.Order(command.Parameters));
    }
}
