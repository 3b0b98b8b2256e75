using Faas.Engine;

namespace Faas.Platform.Results;

/// <summary>The state of one runtime's containers at one instant (a row of timeseries.csv).</summary>
/// <param name="ArrivalsPerSecond">Calls of the runtime's functions that arrived since the previous sample, per second.</param>
/// <param name="PoolTarget">The policy's pool target, or −1 when it keeps none.</param>
public readonly record struct TimeSample(
    SimTime Time,
    int Runtime,
    double ArrivalsPerSecond,
    int Idle,
    int Starting,
    int Busy,
    int PoolTarget,
    int Queued);
