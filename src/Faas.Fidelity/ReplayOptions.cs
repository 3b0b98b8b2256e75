using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;

namespace Faas.Fidelity;

/// <summary>How a scenario is replayed on Docker.</summary>
/// <param name="TimeScale">Multiplies arrival times and execution times (0.5 = twice as fast). Container start, code injection and policy timers (ttl, window) are NOT scaled.</param>
/// <param name="BusyWait">Functions spin for their execution time instead of sleeping (uses a CPU).</param>
/// <param name="AllocFraction">Each container allocates and touches this fraction of the function's declared memory once (on its first call, inside the call's execution time).</param>
/// <param name="MaxContainers">Refuse scenarios whose capacity or estimated concurrency needs more containers than this.</param>
/// <param name="MaxCallsPerSecond">Refuse scenarios whose mean offered rate (after scaling) is higher.</param>
/// <param name="LagLimitMs">A run whose p99 dispatch lag exceeds this is flagged untrusted.</param>
public sealed record ReplayOptions(
    PoolDriverOptions Driver,
    DockerEngineOptions Engine,
    double TimeScale = 1.0,
    bool BusyWait = false,
    double AllocFraction = 0.25,
    int MaxContainers = 32,
    double MaxCallsPerSecond = 40,
    double LagLimitMs = 20,
    double? MaxStartsPerSecond = null);
