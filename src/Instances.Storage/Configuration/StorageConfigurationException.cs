namespace Instances.Storage.Configuration;

/// <summary>The storage configuration cannot work; the message names the key to fix.</summary>
public sealed class StorageConfigurationException(string message) : InvalidOperationException(message);
