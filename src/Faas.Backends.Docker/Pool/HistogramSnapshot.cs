namespace Faas.Backends.Docker.Pool;

/// <summary>A Prometheus-style histogram: cumulative counts per upper bound (seconds), sum and count.</summary>
public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> CumulativeCounts, double Sum, long Count);
