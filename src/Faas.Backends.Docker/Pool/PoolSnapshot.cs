namespace Faas.Backends.Docker.Pool;

/// <summary>
/// The driver's state and counters at one instant, taken on its loop (so consistent): pool sizes
/// per runtime, queue, and per start type the call counts and latency histograms that
/// <c>GET /metrics</c> exposes.
/// </summary>
public sealed record PoolSnapshot(
    string Policy,
    IReadOnlyList<RuntimePoolStatus> Runtimes,
    int Queued,
    int CallsInFlight,
    long ContainersCreated,
    long ContainerStartFailures,
    long BackgroundOperations,
    IReadOnlyDictionary<(string StartType, string Status), long> Calls,
    IReadOnlyDictionary<string, HistogramSnapshot> Latency,
    IReadOnlyDictionary<string, HistogramSnapshot> Overhead);
