using System.Text;

namespace Instances.Grains.Ironic;

/// <summary>
/// An availability zone as an Ironic node trait: allocations match resource class and traits, not
/// node properties, so a zone is the custom trait <c>CUSTOM_AZ_&lt;ZONE&gt;</c> (docs/ironic.md).
/// </summary>
public static class ZoneTraits
{
    public const string Prefix = "CUSTOM_AZ_";

    /// <summary><c>zone-a</c> → <c>CUSTOM_AZ_ZONE_A</c>: upper case, every non-alphanumeric as <c>_</c>.</summary>
    public static string For(string zone)
    {
        var trait = new StringBuilder(Prefix, Prefix.Length + zone.Length);
        foreach (var c in zone)
        {
            trait.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return trait.ToString();
    }
}
