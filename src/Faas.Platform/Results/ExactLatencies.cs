namespace Faas.Platform.Results;

/// <summary>
/// Every latency kept (as milliseconds, µs / 1000): exact nearest-rank quantiles
/// (<see cref="NearestRank"/>) and the mean of the millisecond values. Memory grows with calls, so
/// it suits real replays (thousands of calls), not the simulator (<see cref="LatencyHistogram"/>).
/// </summary>
public sealed class ExactLatencies : ILatencyStatistics
{
    private readonly List<double> _ms = [];

    public void Add(long micros) => _ms.Add(micros / 1e3);

    public long Count => _ms.Count;

    public double MeanMs => _ms.Count == 0 ? double.NaN : _ms.Average();

    public double QuantileMs(double q) => NearestRank.Quantile(_ms, q);
}
