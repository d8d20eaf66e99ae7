namespace Instances.Grains.Ironic;

/// <summary>How requests to Ironic authenticate.</summary>
public enum IronicAuth
{
    /// <summary>No credentials (Ironic's <c>auth_strategy = noauth</c>, as the standalone script runs it).</summary>
    NoAuth,

    /// <summary>A Keystone token in <c>X-Auth-Token</c>, for an Ironic behind Keystone.</summary>
    Token,
}
