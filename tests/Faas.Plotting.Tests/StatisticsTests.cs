namespace Faas.Plotting.Tests;

/// <summary>The charts' small statistics: confidence intervals of means and the Pareto front.</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Confidence_interval_uses_student_t()
    {
        var (mean, half, n) = Statistics.MeanCi([1.0, 2.0, 3.0]);

        Assert.Equal(2.0, mean, 12);
        Assert.Equal(3, n);
        Assert.Equal(4.302652729911275 / Math.Sqrt(3), half, 9); // t(0.975, 2) · s / √n with s = 1
        Assert.Equal(0, Statistics.MeanCi([5.0]).HalfWidth);
    }

    [Fact]
    public void Pareto_front_keeps_undominated_points_in_x_order()
    {
        (double, double)[] points = [(10, 0.5), (0, 1.0), (5, 0.2), (6, 0.3), (20, 0.0), (double.NaN, 0)];

        Assert.Equal([1, 2, 4], ParetoFront.Indices(points));
    }
}
