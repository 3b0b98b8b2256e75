namespace Faas.Backends.Docker.Pool;

/// <summary>Counts of durations in fixed buckets (seconds), for Prometheus; not thread-safe (the driver loop owns it).</summary>
internal sealed class SecondsHistogram
{
    /// <summary>1 ms to 60 s: prewarm/warm overheads land in the first buckets, cold starts around 1 s.</summary>
    public static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly long[] _counts = new long[Bounds.Length + 1];
    private double _sum;
    private long _count;

    public void Add(double seconds)
    {
        int i = 0;
        while (i < Bounds.Length && seconds > Bounds[i]) i++;
        _counts[i]++;
        _sum += seconds;
        _count++;
    }

    public HistogramSnapshot Snapshot()
    {
        var cumulative = new long[Bounds.Length];
        long run = 0;
        for (int i = 0; i < Bounds.Length; i++) cumulative[i] = run += _counts[i];
        return new HistogramSnapshot(Bounds, cumulative, _sum, _count);
    }
}
