using Faas.Platform;
using Faas.Platform.Results;

namespace Faas.Fidelity;

/// <summary>How one call ended, for pooling: its start type when completed, and its latency (ms).</summary>
/// <param name="Completed">The call completed (failed and dropped calls count only in <see cref="PooledSummary.FailedOrDropped"/>).</param>
public readonly record struct CallOutcome(bool Completed, StartType StartType, double LatencyMs)
{
    public static CallOutcome From(in InvocationRecord r) => new(r.Status == CallStatus.Completed, r.StartType, r.Latency.Micros / 1000.0);

    public static CallOutcome From(RealCall c) => new(c.Result.Ok, c.Result.StartType ?? StartType.Warm, c.Result.Timings.TotalMs);
}
