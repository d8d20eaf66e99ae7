namespace Instances.Client.Models;

/// <summary>One entry of a resource's <c>links</c>.</summary>
public sealed record Link(string Href, string Rel);
