using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>
/// Judges accepted operations against what the server shows afterwards. Every accepted power
/// change is in the instance's action history under the request id that accepted it; it must
/// have finished (result not null), and the instance must end stable in the status the last
/// accepted change leads to. The completion latency is the history's finish − start (both taken
/// by the server), so no polling during the run is needed to measure it.
/// </summary>
public static class Verifier
{
    /// <summary>The server keeps the last 100 actions; an operation older than those cannot be checked.</summary>
    public const int HistoryLimit = 100;

    public static Verification Judge(IEnumerable<AcceptedOperation> accepted, IReadOnlyDictionary<Guid, InstanceObservation> observed)
    {
        var lost = new List<LostOperation>();
        var latency = LatencyRecorder.NewHistogram();
        long completed = 0, failed = 0, unverifiable = 0;
        DateTimeOffset? first = null, last = null;
        foreach (var group in accepted.GroupBy(o => o.Instance))
        {
            var ops = group.OrderBy(o => o.AcceptedAt).ToList();
            if (!observed.TryGetValue(group.Key, out var seen) || seen.Actions is null || seen.States is null)
            {
                lost.AddRange(ops.Select(o => new LostOperation(o, "instance could not be read after the run")));
                continue;
            }

            var byRequest = seen.Actions.Where(a => a.RequestId is not null).ToLookup(a => a.RequestId!, StringComparer.Ordinal);
            var lastSucceeded = false;
            foreach (var op in ops)
            {
                var action = op.RequestId is null ? null
                    : byRequest[op.RequestId].FirstOrDefault(a => a.Action == op.Target.ActionName()) ?? byRequest[op.RequestId].FirstOrDefault();
                lastSucceeded = false;
                if (action is null)
                {
                    if (seen.Actions.Count >= HistoryLimit)
                    {
                        unverifiable += op.Measured ? 1 : 0;
                    }
                    else
                    {
                        lost.Add(new LostOperation(op, "not in the action history"));
                    }
                }
                else if (action.Result is null || action.FinishTime is not { } finish)
                {
                    lost.Add(new LostOperation(op, "still running at the end of verification"));
                }
                else if (action.Result != "success")
                {
                    failed += op.Measured ? 1 : 0;
                }
                else if (!op.Measured)
                {
                    lastSucceeded = true; // a warm-up operation: checked, not counted
                }
                else
                {
                    completed++;
                    lastSucceeded = true;
                    latency.RecordValue(Math.Max(0, (long)(finish - action.StartTime).TotalMicroseconds));
                    first = first is { } f && f < action.StartTime ? f : action.StartTime;
                    last = last is { } l && l > finish ? l : finish;
                }
            }

            var expected = ops[^1].Target.StableStatus();
            if (lastSucceeded && (!seen.States.IsStable || seen.States.Status != expected))
            {
                lost.Add(new LostOperation(ops[^1], $"instance ended {seen.States.Status} (target {seen.States.TargetPowerState ?? "none"}), expected {expected}"));
            }
        }

        return new Verification(completed, failed, unverifiable, lost, latency, first, last);
    }
}
