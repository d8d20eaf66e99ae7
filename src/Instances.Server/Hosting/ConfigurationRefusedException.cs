namespace Instances.Server.Hosting;

/// <summary>A setting of the server (auth, proxies) cannot work; the message names the key to fix. Stops the start.</summary>
public sealed class ConfigurationRefusedException(string message) : InvalidOperationException(message);
