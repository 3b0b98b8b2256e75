using Faas.Workloads.Distributions;

namespace Faas.Workloads.Scenarios;

/// <summary>
/// A runtime: a Docker image that functions run in. <see cref="ColdStart"/> is the time to
/// create and start a container until its agent answers; <see cref="Init"/> the time to inject a
/// function's code into a running container. A removed container frees its memory at once.
/// </summary>
public sealed record RuntimeSpec(
    string Name,
    string Image,
    long MemoryBytes,
    DurationDistribution ColdStart,
    DurationDistribution Init);
