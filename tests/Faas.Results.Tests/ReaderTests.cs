using Faas.TestSupport;

namespace Faas.Results.Tests;

/// <summary>The readers of invocations.csv, timeseries.csv and summary.csv against a fixture folder written as a run writes it.</summary>
public sealed class ReaderTests : IDisposable
{
    private readonly ResultsFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Cdf_downsampling_keeps_min_max_and_at_most_the_cap()
    {
        var values = Enumerable.Range(1, 100_000).Select(i => (double)i).Reverse().ToList();

        var curve = InvocationsCsv.ToCurve("s", "m", "all", values, 2000);

        Assert.Equal(2000, curve.LatencyMs.Count);
        Assert.Equal(1, curve.LatencyMs[0]);
        Assert.Equal(100_000, curve.LatencyMs[^1]);
        Assert.Equal(1.0, curve.Fraction[^1]);
        Assert.Equal(100_000, curve.Count);
        Assert.True(curve.LatencyMs.Zip(curve.LatencyMs.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void Small_cdf_keeps_every_point()
    {
        var curve = InvocationsCsv.ToCurve("s", "m", "warm", [3.0, 1.0, 2.0, 0.0], 2000);

        Assert.Equal([InvocationsCsv.MinPlottableLatencyMs, 1, 2, 3], curve.LatencyMs);
        Assert.Equal([0.25, 0.5, 0.75, 1.0], curve.Fraction);
    }

    [Fact]
    public void Invocation_curves_skip_dropped_calls_and_split_by_start_type()
    {
        File.WriteAllText(_fx.InvocationsPath, ResultsFixture.InvocationsHeader + "\n" +
            "s,keep-alive,0,0,f,py,0.0,cold,0,900,50,5,955,completed\n" +
            "s,keep-alive,0,1,f,py,1.0,warm,0,0,0,5,5,completed\n" +
            "s,keep-alive,0,2,f,py,2.0,,,,,,,dropped\n" +
            "s,keep-alive,1,0,f,py,0.0,warm,0,0,0,6,6,completed\n");

        var curves = InvocationsCsv.ReadLatencyCurves(_fx.InvocationsPath);

        Assert.Equal(["all", "cold", "warm"], curves.Select(c => c.StartType));
        Assert.Equal([3L, 1L, 2L], curves.Select(c => c.Count));
        Assert.Equal([5.0, 6.0, 955.0], curves[0].LatencyMs);
    }

    [Fact]
    public void Timeseries_sums_runtimes_and_keeps_the_lowest_replication()
    {
        File.WriteAllText(_fx.TimeSeriesPath, ResultsFixture.TimeSeriesHeader + "\n" +
            "s,pp,1,0,python,9,9,9,9,9\n" +
            "s,pp,0,0,python,1,2,0,1,3\n" +
            "s,pp,0,0,node,0.5,1,1,0,\n" +
            "s,pp,0,10,python,2,0,0,4,3\n");

        var trace = Assert.Single(TimeSeriesCsv.Read(_fx.TimeSeriesPath));

        Assert.Equal(0, trace.Replication);
        Assert.Equal([0.0, 10.0], trace.TimeS);
        Assert.Equal([1.5, 2.0], trace.ArrivalsPerS);
        Assert.Equal([3.0, 0.0], trace.Idle);
        Assert.Equal([1.0, 0.0], trace.Starting);
        Assert.Equal([1.0, 4.0], trace.Busy);
        Assert.Equal([3.0, 3.0], trace.PoolTarget);
    }

    [Fact]
    public void Dense_timeseries_is_binned_to_the_cap()
    {
        var text = new System.Text.StringBuilder(ResultsFixture.TimeSeriesHeader).Append('\n');
        for (int t = 0; t < 10_000; t++)
        {
            text.Append(ResultsFixture.Csv("s", "ka", 0, t, "py", 1.0, 2.0, 0.0, 1.0, 0.0));
        }

        File.WriteAllText(_fx.TimeSeriesPath, text.ToString());

        var trace = Assert.Single(TimeSeriesCsv.Read(_fx.TimeSeriesPath));

        Assert.InRange(trace.Count, 1000, TimeSeriesCsv.DefaultMaxPoints);
        Assert.All(trace.Idle, v => Assert.Equal(2.0, v));
        Assert.False(trace.HasPoolTarget);
    }

    [Fact]
    public void Sweep_parameters_are_read_from_param_columns()
    {
        _fx.WriteSweepSummary();

        var rows = SummaryCsv.Read(_fx.SummaryPath);

        Assert.Equal(4 * 3 * 2 * 2, rows.Count);
        Assert.All(rows, r => Assert.Equal(["functions", "mean_interval_s"], r.Parameters.Keys.Order()));
    }
}
