namespace Instances.IronicTests;

/// <summary>One request the proxy saw, and the status our server got for it.</summary>
public sealed record ProxiedRequest(string Method, string Path, string Body, int Status);
