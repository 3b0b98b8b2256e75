using Faas.Workloads.Arrivals;
using Faas.Workloads.Distributions;

namespace Faas.Scenarios;

/// <summary>A function: code bound to a runtime, with its execution-time distribution and call arrivals.</summary>
/// <param name="RuntimeIndex">Index of the runtime in <see cref="Scenario.Runtimes"/>.</param>
/// <param name="MemoryBytes">Memory of a container that holds this function (keep-alive containers).</param>
/// <param name="Arrivals">Its arrival process; null when calls come from a trace stream instead.</param>
/// <param name="App">The application it belongs to (traces group functions in apps; policies may key on it), or null.</param>
/// <param name="ColdStart">Container start time of this function overriding its runtime's (trace presets), or null.</param>
public sealed record FunctionSpec(
    string Name,
    int RuntimeIndex,
    long MemoryBytes,
    DurationDistribution Exec,
    ArrivalProcess? Arrivals,
    string? App = null,
    DurationDistribution? ColdStart = null);
