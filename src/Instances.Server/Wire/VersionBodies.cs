namespace Instances.Server.Wire;

/// <summary>One API version of the discovery document (API.md §7).</summary>
public sealed record VersionBody(string Id, string Status, string MinVersion, string Version, IReadOnlyList<Link> Links);

/// <summary><c>GET /</c>.</summary>
public sealed record RootBody(string Name, string Description, IReadOnlyList<VersionBody> Versions, VersionBody DefaultVersion);

/// <summary><c>GET /v1</c>: links to the v1 resources.</summary>
public sealed record V1Body(
    string Id,
    IReadOnlyList<Link> Links,
    IReadOnlyList<Link> Instances,
    IReadOnlyList<Link> Types,
    IReadOnlyList<Link> AvailabilityZones);
