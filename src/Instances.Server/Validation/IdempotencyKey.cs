using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Instances.Abstractions;

namespace Instances.Server.Validation;

/// <summary>The <c>Idempotency-Key</c> header of a create (API.md §4) and the request fingerprint it is bound to.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The key, or null when absent; an invalid header is recorded in <paramref name="errors"/>.</summary>
    public static string? Read(IHeaderDictionary headers, ValidationErrors errors)
    {
        if (!headers.TryGetValue(Header, out var values))
        {
            return null;
        }

        if (values.Count != 1 || values[0] is not { } key)
        {
            errors.Add(Header, $"'{Header}' may be given only once.");
            return null;
        }

        if (key.Length is < 1 or > Rules.MaxLength || !key.All(c => c is >= ' ' and <= '~'))
        {
            errors.Add(Header, $"'{Header}' must be 1–{Rules.MaxLength} printable ASCII characters.");
            return null;
        }

        return key;
    }

    /// <summary>
    /// SHA-256 of the validated request, not of its bytes: whitespace, member order, <c>net_id</c> for
    /// <c>uuid</c>, UUID spelling and an omitted default zone do not make a retry "a different body".
    /// The caller is left out: the key belongs to the project, whichever of its users retries.
    /// </summary>
    public static string Hash(CreateInstanceCommand command)
    {
        var normalized = new
        {
            command.Name,
            command.Description,
            InstanceType = command.InstanceTypeUuid,
            Image = command.ImageUuid,
            Zone = command.AvailabilityZone,
            Networks = command.Networks.Select(n => new { n.NetworkId, n.PortType }),
            command.Extra,
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(normalized))));
    }
}
