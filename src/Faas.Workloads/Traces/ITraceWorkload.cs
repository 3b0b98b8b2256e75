using Faas.Engine;
using Faas.Workloads.Arrivals;

namespace Faas.Workloads.Traces;

/// <summary>
/// Calls that come from a trace (or a trace-like generator) rather than from one arrival process
/// per function: a single time-ordered stream that yields calls of many functions. Immutable and
/// shared by all runs of a scenario; each run pulls its own stream, so memory grows with the
/// functions (held here) and never with the calls (streamed).
/// </summary>
public interface ITraceWorkload
{
    /// <summary>A short description for manifests and messages, e.g. <c>azure2019(10 functions, minutes 1-1440)</c>.</summary>
    string Describe();

    /// <summary>The natural length of the trace (used when the scenario gives no <c>duration</c>).</summary>
    SimDuration Span { get; }

    /// <summary>Calls the trace holds within its span (exact for traces, expected for generators).</summary>
    double ExpectedCalls { get; }

    /// <summary>
    /// A fresh stream of calls in [0, <paramref name="end"/>) for one replication. Randomness (spread
    /// within a minute, generated counts) comes only from streams derived from
    /// <paramref name="replicationSeed"/>, so the same seed gives the same calls.
    /// </summary>
    IArrivalStream CreateStream(ulong replicationSeed, SimTime end);
}
