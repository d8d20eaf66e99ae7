namespace Instances.LoadTest;

/// <summary>An accepted operation verification could not find finished, and why.</summary>
public sealed record LostOperation(AcceptedOperation Operation, string Reason);
