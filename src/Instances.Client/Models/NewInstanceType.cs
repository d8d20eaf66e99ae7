namespace Instances.Client.Models;

/// <summary>The body of <c>POST /v1/types</c>.</summary>
public sealed record NewInstanceType(
    string Name,
    string? Description = null,
    bool? IsPublic = null,
    IReadOnlyDictionary<string, string>? ExtraSpecs = null);
