using Faas.Engine;
using Faas.Workloads.Arrivals;

namespace Faas.Workloads.Traces;

/// <summary>
/// An arrival stream that also knows each call's execution time (the Azure 2021 trace records one
/// per call). The driver uses it instead of drawing from the function's distribution.
/// </summary>
public interface ITracedCallStream : IArrivalStream
{
    /// <summary>The execution time of the call last returned by <see cref="IArrivalStream.TryNext"/>.</summary>
    SimDuration Exec { get; }
}
