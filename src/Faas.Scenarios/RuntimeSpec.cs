using Faas.Workloads.Distributions;

namespace Faas.Scenarios;

/// <summary>
/// A runtime: a Docker image that functions run in. <see cref="ColdStart"/> is the time to
/// create and start a container until its agent answers; <see cref="Init"/> the time to inject a
/// function's code into a running container. A removed container frees its memory at once.
/// The optional properties (null = not simulated, the default) come from a runtime's own keys or a
/// calibration profile; see <see cref="StartContention"/>, <see cref="WarmDispatch"/>, <see cref="PrewarmDispatch"/>.
/// </summary>
public sealed record RuntimeSpec(
    string Name,
    string Image,
    long MemoryBytes,
    DurationDistribution ColdStart,
    DurationDistribution Init)
{
    /// <summary>Start-time slowdown with several starts at once on the machine (key <c>start_contention</c>); null = starts are independent.</summary>
    public StartContention? StartContention { get; init; }

    /// <summary>
    /// Platform overhead of a warm call (arrival to result minus execution; key <c>warm_dispatch</c>), added to
    /// the call's latency as queue time; the container's busy time is unchanged. Null = none.
    /// </summary>
    public DurationDistribution? WarmDispatch { get; init; }

    /// <summary>Platform overhead of a prewarm call beyond the code injection (<see cref="Init"/>); key <c>prewarm_dispatch</c>; as <see cref="WarmDispatch"/>.</summary>
    public DurationDistribution? PrewarmDispatch { get; init; }
}
