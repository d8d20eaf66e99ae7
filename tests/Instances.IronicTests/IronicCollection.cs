namespace Instances.IronicTests;

/// <summary>The tests that share the one Ironic of a run.</summary>
[CollectionDefinition(Name)]
public sealed class IronicCollection : ICollectionFixture<IronicFixture>
{
    public const string Name = "ironic";
}
