using System.Globalization;
using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>
/// Which power change a worker asks for. An instance believed off is always powered on (nothing
/// else changes it); one believed on gets a target drawn from the weights, e.g.
/// <c>off=2,reboot=1,soft_off=1</c>. Weights of <c>on</c> send no-ops to powered-on instances.
/// </summary>
public sealed class PowerMix
{
    private readonly (PowerTarget Target, int Weight)[] _weights;
    private readonly int _total;

    public PowerMix(IEnumerable<(PowerTarget Target, int Weight)> weights)
    {
        _weights = weights.Where(w => w.Weight > 0).ToArray();
        _total = _weights.Sum(w => w.Weight);
        if (_total == 0)
        {
            throw new FormatException("The mix needs at least one target with a positive weight.");
        }
    }

    public static PowerMix Default { get; } = Parse("off=2,reboot=1,soft_off=1");

    /// <summary>Parses <c>target=weight,...</c> (a bare target weighs 1).</summary>
    public static PowerMix Parse(string text) => new(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part => part.Split('=', 2) is [var name, var weight]
            ? (PowerTargets.Parse(name), int.Parse(weight, CultureInfo.InvariantCulture))
            : (PowerTargets.Parse(part), 1)));

    public PowerTarget Pick(bool believedOn, Random random)
    {
        if (!believedOn)
        {
            return PowerTarget.On;
        }

        var roll = random.Next(_total);
        foreach (var (target, weight) in _weights)
        {
            if ((roll -= weight) < 0)
            {
                return target;
            }
        }

        return _weights[^1].Target;
    }

    public override string ToString() => string.Join(',', _weights.Select(w => $"{w.Target.ToWire()}={w.Weight}"));
}
