namespace Instances.Grains.Ironic;

/// <summary>Settings of the Ironic driver under <c>Driver:Ironic</c> (documented in README and docs/ironic.md).</summary>
public sealed class IronicDriverOptions
{
    public const string Section = "Driver:Ironic";

    /// <summary>Ironic's API root, e.g. <c>http://127.0.0.1:6385</c> (without <c>/v1</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Sent as <c>X-OpenStack-Ironic-API-Version</c>; the driver's calls are written against 1.78.</summary>
    public string ApiVersion { get; set; } = "1.78";

    /// <summary><c>NoAuth</c> (Ironic's <c>auth_strategy = noauth</c>) or <c>Token</c> (Keystone-fronted Ironic).</summary>
    public IronicAuth Auth { get; set; } = IronicAuth.NoAuth;

    /// <summary>With <c>Auth = Token</c>: the Keystone token, sent as <c>X-Auth-Token</c>.</summary>
    public string? Token { get; set; }

    /// <summary>How long one HTTP request to Ironic may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a transition (allocation, deploy, power) is polled until it ends.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a 409 NodeLocked, a 503 or a refused connection is retried.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Resource class asked for when the instance type has no <c>resource_class</c> extra spec.</summary>
    public string DefaultResourceClass { get; set; } = "baremetal";

    /// <summary>Sent as the power request's <c>timeout</c> (seconds) when positive; zero leaves Ironic's default.</summary>
    public TimeSpan PowerTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>The first setting that cannot work, as one line naming its key; null when all can.</summary>
    public string? FindProblem()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
        {
            return $"{Section}:Endpoint must be an absolute http(s) URL of Ironic's API, e.g. http://127.0.0.1:6385.";
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(ApiVersion, @"^1\.\d{1,3}$"))
        {
            return $"{Section}:ApiVersion is '{ApiVersion}'; expected a microversion such as 1.78.";
        }

        if (!Enum.IsDefined(Auth))
        {
            return $"{Section}:Auth must be NoAuth or Token.";
        }

        if (Auth == IronicAuth.Token && string.IsNullOrWhiteSpace(Token))
        {
            return $"{Section}:Token is required when {Section}:Auth is Token.";
        }

        return Problems().FirstOrDefault(p => p is not null);
    }

    private IEnumerable<string?> Problems()
    {
        yield return RequestTimeout > TimeSpan.Zero ? null : $"{Section}:RequestTimeout must be positive.";
        yield return PollInterval > TimeSpan.Zero ? null : $"{Section}:PollInterval must be positive.";
        yield return MaxRetries is >= 0 and <= 100 ? null : $"{Section}:MaxRetries must be between 0 and 100.";
        yield return RetryDelay >= TimeSpan.Zero ? null : $"{Section}:RetryDelay must not be negative.";
        yield return PowerTimeout >= TimeSpan.Zero ? null : $"{Section}:PowerTimeout must not be negative.";
        yield return string.IsNullOrWhiteSpace(DefaultResourceClass) ? $"{Section}:DefaultResourceClass must not be empty." : null;
    }
}
