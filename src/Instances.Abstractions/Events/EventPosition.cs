using System.Globalization;

namespace Instances.Abstractions.Events;

/// <summary>
/// The SSE <c>id:</c> of an event: <c>{epoch}-{sequence}</c>. The sequence counts the events of one
/// event log; the epoch names that log's activation, so an id from a log that has since been
/// restarted (its memory lost with a node) is recognised rather than misread as a position.
/// </summary>
[GenerateSerializer, Immutable, Alias("instances.event-position.v1")]
public readonly record struct EventPosition([property: Id(0)] long Epoch, [property: Id(1)] long Sequence)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Epoch}-{Sequence}");

    public static bool TryParse(string? text, out EventPosition id)
    {
        id = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (text is null || dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        id = new EventPosition(epoch, sequence);
        return true;
    }
}

/// <summary>An event with the id its log gave it.</summary>
[GenerateSerializer, Immutable, Alias("instances.logged-event.v1")]
public sealed record LoggedEvent([property: Id(0)] EventPosition Id, [property: Id(1)] InstanceEvent Event);
