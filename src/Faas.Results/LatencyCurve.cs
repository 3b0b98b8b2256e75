namespace Faas.Results;

/// <summary>
/// An empirical CDF of call latency for one model and start type, already downsampled:
/// <see cref="LatencyMs"/> is ascending and <see cref="Fraction"/>[i] is the fraction of the
/// <see cref="Count"/> calls whose latency is ≤ <see cref="LatencyMs"/>[i]. The last point is
/// always the maximum (fraction 1) and the first the minimum.
/// </summary>
public sealed record LatencyCurve(
    string Scenario,
    string Model,
    string StartType,
    long Count,
    IReadOnlyList<double> LatencyMs,
    IReadOnlyList<double> Fraction);
