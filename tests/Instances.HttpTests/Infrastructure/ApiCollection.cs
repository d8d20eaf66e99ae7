namespace Instances.HttpTests.Infrastructure;

/// <summary>One host shared by the API tests; each test makes its own instances and types.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
