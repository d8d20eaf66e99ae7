using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>What verification saw of one instance after the run: its state summary and action history (null if unreadable).</summary>
public sealed record InstanceObservation(InstanceStates? States, IReadOnlyList<InstanceAction>? Actions);
