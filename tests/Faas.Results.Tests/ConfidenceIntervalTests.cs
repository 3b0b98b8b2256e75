using Faas.TestSupport;

namespace Faas.Results.Tests;

/// <summary>95% Student-t intervals over replications, and summary_ci.csv built from summary.csv.</summary>
public class ConfidenceIntervalTests
{
    [Fact]
    public void Known_sample_gives_the_textbook_interval()
    {
        // n = 5, mean 3, s = sqrt(2.5); t(0.975, 4) = 2.776445 (tables): half-width 1.963243.
        var e = ConfidenceInterval.Of([1, 2, 3, 4, 5]);

        Assert.Equal(5, e.N);
        Assert.Equal(3, e.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), e.StdDev, 12);
        Assert.Equal(3 - 1.963243, e.Low, 5);
        Assert.Equal(3 + 1.963243, e.High, 5);
        Assert.Equal(1.963243, e.HalfWidth, 5);
    }

    [Fact]
    public void Two_replications_use_the_wide_t_quantile()
    {
        // t(0.975, 1) = 12.7062: with two values the interval is wide on purpose.
        var e = ConfidenceInterval.Of([10, 12]);

        Assert.Equal(11 - (12.706205 * Math.Sqrt(2) / Math.Sqrt(2)), e.Low, 4);
    }

    [Fact]
    public void One_value_has_a_mean_but_no_interval_and_non_finite_values_are_ignored()
    {
        var e = ConfidenceInterval.Of([double.NaN, 7, double.PositiveInfinity]);

        Assert.Equal(1, e.N);
        Assert.Equal(7, e.Mean);
        Assert.False(e.HasInterval);
        Assert.True(double.IsNaN(e.Low));
    }

    [Fact]
    public void Summary_ci_groups_by_model_and_point_and_cuts_bounds_to_the_metric_range()
    {
        using var tmp = new TempFolder();
        string summary = tmp.Sub("summary.csv");
        File.WriteAllText(summary, """
            scenario,model,replication,seed,invocations,cold_fraction,p50_ms,param_functions
            s,keep-alive,0,1,100,0.99,10,2
            s,keep-alive,1,2,110,0.97,30,2
            s,keep-alive,0,1,200,0.5,20,8
            s,keep-alive,1,2,220,0.5,,8
            s,prewarm-pool,0,1,100,0.01,5,2
            s,prewarm-pool,1,2,110,0.03,7,2

            """.Replace("\r", ""));

        var rows = SummaryCiCsv.WriteFromSummary(summary, tmp.Sub("summary_ci.csv"));

        Assert.Equal(3 * 3, rows.Count); // 3 groups x (invocations, cold_fraction, p50_ms)
        var cold = rows.Single(r => r.Model == "keep-alive" && r.PointKey == "param_functions=2" && r.Metric == "cold_fraction").Estimate;
        Assert.Equal(0.98, cold.Mean, 12);
        Assert.Equal(1.0, cold.High);                     // t-interval reaches past 1: cut
        Assert.True(cold.HalfWidth > 0.1);                // the "±" stays the t half-width
        var p50 = rows.Single(r => r.Model == "keep-alive" && r.PointKey == "param_functions=8" && r.Metric == "p50_ms").Estimate;
        Assert.Equal(1, p50.N);                           // the empty cell is left out
        var low = rows.Single(r => r.Model == "prewarm-pool" && r.Metric == "cold_fraction").Estimate;
        Assert.Equal(0, low.Low);                         // and below 0: cut

        var back = SummaryCiCsv.Read(tmp.Sub("summary_ci.csv"));
        Assert.Equal(rows.Select(r => (r.Model, r.PointKey, r.Metric, r.Estimate.N)), back.Select(r => (r.Model, r.PointKey, r.Metric, r.Estimate.N)));
        Assert.Equal("scenario,model,param_functions,metric,n,mean,sd,ci95_low,ci95_high", File.ReadLines(tmp.Sub("summary_ci.csv")).First());
    }
}
