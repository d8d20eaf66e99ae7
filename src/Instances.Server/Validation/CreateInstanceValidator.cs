using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Grains.Hosting;
using Instances.Server.Wire;

namespace Instances.Server.Validation;

/// <summary>Checks a create body against API.md §4 and turns it into the grain command.</summary>
public static class CreateInstanceValidator
{
    /// <summary>The command, or null with <paramref name="errors"/> naming every bad field. The type's existence is checked by the caller.</summary>
    public static CreateInstanceCommand? Validate(CreateInstanceRequest body, Caller caller, InstancesOptions options, ValidationErrors errors)
    {
        var name = Rules.Text(errors, "name", body.Name, 1, required: true);
        var description = Rules.Text(errors, "description", body.Description, 0, required: false);
        var type = Rules.Uuid(errors, "instance_type_uuid", body.InstanceTypeUuid, required: true);
        var image = Rules.Uuid(errors, "image_uuid", body.ImageUuid, required: true);
        var zone = body.AvailabilityZone ?? options.EffectiveDefaultZone;
        if (!options.AvailabilityZones.Contains(zone, StringComparer.Ordinal))
        {
            errors.Add("availability_zone",
                $"'availability_zone' '{Rules.Clip(zone)}' is not one of: {string.Join(", ", options.AvailabilityZones)}.");
        }

        var networks = Networks(errors, body.Networks);
        var extra = Rules.StringMap(errors, "extra", body.Extra);
        if (errors.Any || name is null || type is null || image is null)
        {
            return null;
        }

        return new CreateInstanceCommand(caller, name, description, type.Value, image.Value, zone, networks, extra);
    }

    private static ImmutableArray<NetworkRequest> Networks(ValidationErrors errors, IList<NetworkRequestBody?>? networks)
    {
        if (networks is null || networks.Count == 0)
        {
            errors.Add("networks", "'networks' is required and must list at least one network.");
            return [];
        }

        if (networks.Count > Rules.MaxNetworks)
        {
            errors.Add("networks", $"'networks' may list at most {Rules.MaxNetworks} networks, not {networks.Count}.");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<NetworkRequest>(networks.Count);
        for (var i = 0; i < networks.Count; i++)
        {
            var field = $"networks[{i}]";
            if (networks[i] is not { } network)
            {
                errors.Add(field, $"'{field}' must be an object with a 'uuid'.");
                continue;
            }

            if (network.Uuid is not null && network.NetId is not null)
            {
                errors.Add($"{field}.net_id", $"Give '{field}.uuid' or its synonym '{field}.net_id', not both.");
                continue;
            }

            var (idField, idValue) = network.NetId is null ? ($"{field}.uuid", network.Uuid) : ($"{field}.net_id", network.NetId);
            var id = Rules.Uuid(errors, idField, idValue, required: true);
            var portType = Rules.Text(errors, $"{field}.port_type", network.PortType, 1, required: false);
            if (id is { } networkId)
            {
                result.Add(new NetworkRequest(networkId, portType));
            }
        }

        return result.ToImmutable();
    }
}
