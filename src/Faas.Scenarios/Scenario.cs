using Faas.Engine;
using Faas.Platform;
using Faas.Workloads.Traces;

namespace Faas.Scenarios;

/// <summary>
/// A resolved, validated workload scenario: what runs (runtimes, functions, arrivals), on what
/// (cluster), against which platform models, for how long and with which seed.
/// </summary>
/// <param name="Duration">Calls arrive in [0, Duration); the run then drains calls in flight.</param>
/// <param name="Replications">Independent replications; replication r uses <see cref="SeedSequence.Replication"/>(Seed, r).</param>
/// <param name="SampleInterval">Spacing of time-series samples.</param>
/// <param name="SourcePath">The file it was read from (for messages and manifests).</param>
/// <param name="Workload">Calls from a trace (<c>workload:</c>), yielding calls of the trace's functions (those with no arrival process); null when every function has its own arrivals.</param>
public sealed record Scenario(
    string Name,
    string Description,
    SimDuration Duration,
    ulong Seed,
    int Replications,
    IReadOnlyList<RuntimeSpec> Runtimes,
    IReadOnlyList<FunctionSpec> Functions,
    ClusterSpec Cluster,
    IReadOnlyList<ModelSpec> Models,
    SimDuration SampleInterval,
    string SourcePath,
    ITraceWorkload? Workload = null)
{
    /// <summary>Index of the runtime named <paramref name="name"/>, or −1.</summary>
    public int RuntimeIndex(string name)
    {
        for (int i = 0; i < Runtimes.Count; i++) if (Runtimes[i].Name == name) return i;
        return -1;
    }

    /// <summary>The calibration profile whose cold_start/init replaced the runtimes' (top-level key <c>calibration</c>), or null.</summary>
    public string? CalibrationPath { get; init; }

    /// <summary>
    /// Container starts the machine runs at once (top-level key <c>max_parallel_starts</c>, like the Docker
    /// driver's <c>--max-parallel-starts</c>); further starts wait in issue order. Null = no cap.
    /// </summary>
    public int? MaxParallelStarts { get; init; }

    /// <summary>Expected calls over the whole duration (sum of mean rates × duration).</summary>
    public double ExpectedCalls => Functions.Sum(f => f.Arrivals?.MeanRatePerSecond ?? 0) * Duration.Seconds
        + (Workload is null ? 0 : Workload.ExpectedCalls * Math.Min(1.0, Duration.Seconds / Workload.Span.Seconds));

    /// <summary>The platform this scenario describes, as a policy sees it (function and runtime indexes are the scenario's).</summary>
    public PlatformSpec ToPlatformSpec()
    {
        var p = new PlatformSpec(Cluster);
        foreach (var r in Runtimes) p.AddRuntime(r.Name, r.MemoryBytes);
        var apps = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in Functions)
        {
            int app = -1;
            if (f.App is not null && !apps.TryGetValue(f.App, out app)) apps[f.App] = app = p.NewApp();
            var rt = Runtimes[f.RuntimeIndex];
            p.AddFunction(f.RuntimeIndex, f.MemoryBytes, app, (f.ColdStart ?? rt.ColdStart).MeanSeconds + rt.Init.MeanSeconds);
        }
        return p;
    }

    /// <summary>Checks every model (names and options) by building its policy, without running anything; errors are located <see cref="Faas.Workloads.ScenarioException"/>s.</summary>
    public void ValidateModels()
    {
        foreach (var m in Models) m.CreatePolicy(ToPlatformSpec());
    }
}
