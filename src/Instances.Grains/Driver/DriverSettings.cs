using Instances.Grains.Ironic;
using Microsoft.Extensions.Configuration;

namespace Instances.Grains.Driver;

/// <summary>
/// Reads <c>Driver:Kind</c> and, for Ironic, checks <c>Driver:Ironic</c>. Each problem is one line that
/// names the key, so a host can refuse to start with it (the server turns it into exit code 3).
/// </summary>
public static class DriverSettings
{
    public const string KindKey = "Driver:Kind";

    /// <summary>The configured driver kind, or a problem naming the key.</summary>
    public static (DriverKind Kind, string? Problem) ReadKind(IConfiguration configuration)
    {
        var text = configuration[KindKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return (DriverKind.Simulated, null);
        }

        return Enum.TryParse<DriverKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsAsciiDigit(text[0])
            ? (kind, null)
            : (DriverKind.Simulated, $"{KindKey} is '{text}'; expected Simulated or Ironic.");
    }

    /// <summary>The first problem of the driver settings, or null when they can work.</summary>
    public static string? FindProblem(IConfiguration configuration)
    {
        var (kind, problem) = ReadKind(configuration);
        if (problem is not null || kind != DriverKind.Ironic)
        {
            return problem;
        }

        var options = new IronicDriverOptions();
        try
        {
            configuration.GetSection(IronicDriverOptions.Section).Bind(options);
        }
        catch (InvalidOperationException unreadable)
        {
            // The binder names the key and the value it could not convert.
            return $"{IronicDriverOptions.Section}: {unreadable.Message}";
        }

        return options.FindProblem();
    }
}
