using Faas.Engine;

namespace Faas.Workloads.Arrivals;

/// <summary>
/// A stream of calls in non-decreasing time order. A per-function process yields only its own
/// function; a trace reader yields calls of many functions. Streams are pulled one call at a
/// time so a day of trace is never held in memory.
/// </summary>
public interface IArrivalStream
{
    /// <summary>The next call: its time and the index of the function called; false when the stream is exhausted.</summary>
    bool TryNext(out SimTime time, out int function);
}
