using Faas.Results;
using Faas.TestSupport;
using ScottPlot.Plottables;

namespace Faas.Plotting.Tests;

/// <summary>The crossover map draws the keep-alive ttl, the runtime start and the pool window when they fall inside the grid.</summary>
public sealed class CrossoverMarksTests : IDisposable
{
    private readonly ResultsFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private ScottPlot.Plot Build(CrossoverMarks? marks)
    {
        _fx.WriteSweepSummary(); // intervals 1, 10, 60, 300 s; functions 1, 5, 20
        var rows = SummaryCsv.Read(_fx.SummaryPath);
        return CrossoverHeatmapChart.Build("crossover", rows, "mean_interval_s", "functions", "mean_ms", "keep-alive", "prewarm-pool", marks).Plots.Single();
    }

    [Fact]
    public void Without_marks_there_are_no_reference_lines()
    {
        var plot = Build(null);

        Assert.Empty(plot.GetPlottables<VerticalLine>());
        Assert.Empty(plot.GetPlottables<Scatter>());
    }

    [Fact]
    public void Ttl_is_a_vertical_line_and_start_and_window_are_rate_lines()
    {
        var plot = Build(new CrossoverMarks(KeepAliveTtlSeconds: 60, RuntimeStartSeconds: 0.9, PoolWindowSeconds: 300));

        var ttl = Assert.Single(plot.GetPlottables<VerticalLine>());
        Assert.Equal(2, ttl.X, 9); // the 60 s column
        var lines = plot.GetPlottables<Scatter>().ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.True(l.Data.GetScatterPoints().Count >= 2));
        Assert.Contains(lines, l => l.LegendText.Contains("container start", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.LegendText.Contains("pool window", StringComparison.Ordinal));
    }

    [Fact]
    public void Marks_outside_the_grid_are_not_drawn()
    {
        var plot = Build(new CrossoverMarks(KeepAliveTtlSeconds: 86_400, RuntimeStartSeconds: null, PoolWindowSeconds: null));

        Assert.Empty(plot.GetPlottables<VerticalLine>());
    }

    [Fact]
    public void Marks_reach_the_rendered_files_through_chart_options()
    {
        _fx.WriteSweepSummary("crossover"); // summary.csv only

        var charts = ChartRenderer.BuildCharts(_fx.ResultsDir, new ChartOptions(new CrossoverMarks(60, 0.9, 300)));
        var written = ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir, new ChartOptions(new CrossoverMarks(60, 0.9, 300)));

        var crossover = Assert.Single(charts, c => c.Kind == ChartKind.Crossover);
        Assert.Single(crossover.Figure.Plots[0].GetPlottables<VerticalLine>());
        ImageAssert.IsPng(Path.Combine(_fx.ChartsDir, "crossover-crossover.png"), 900, 540);
        Assert.Equal(charts.Count * 2, written.Count);
    }
}
