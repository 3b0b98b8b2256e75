using Faas.Workloads.Distributions;

namespace Faas.Workloads.Traces;

/// <summary>
/// One function taken from a trace, before it becomes a function of a scenario: its
/// identity in the trace, where it was read, its calls and what the trace says of its execution
/// time and memory.
/// </summary>
/// <param name="Name">Unique name used in CSVs (a prefix of the function's hash).</param>
/// <param name="Key">The trace's identity of the function (e.g. <c>owner,app,function</c> hashes).</param>
/// <param name="App">The application it belongs to (its owner and app hashes); policies may group by it.</param>
/// <param name="Trigger">Trigger group (2019 trace), or empty.</param>
/// <param name="Row">Line of the invocation file it was read from (1-based, header = 1).</param>
/// <param name="Calls">Calls within the selected minutes (or rows of the 2021 trace).</param>
/// <param name="Exec">Execution-time distribution the driver draws from (unless the trace gives each call's).</param>
/// <param name="MemoryBytes">Container memory; 0 when the trace has none (the runtime's is used).</param>
/// <param name="ColdStart">A per-function container start time overriding the runtime's, or null.</param>
public sealed record TraceFunction(
    string Name,
    string Key,
    string App,
    string Trigger,
    long Row,
    long Calls,
    DurationDistribution Exec,
    long MemoryBytes,
    DurationDistribution? ColdStart = null);
