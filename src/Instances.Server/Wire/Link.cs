namespace Instances.Server.Wire;

/// <summary>A link of a resource's <c>links</c> array.</summary>
public sealed record Link(string Href, string Rel);
