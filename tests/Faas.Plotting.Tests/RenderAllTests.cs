using Faas.Results;
using Faas.TestSupport;
using ScottPlot;
using ScottPlot.Plottables;

namespace Faas.Plotting.Tests;

public sealed class RenderAllTests : IDisposable
{
    private readonly ResultsFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Writes_png_and_svg_of_each_chart_at_the_figure_size()
    {
        _fx.WriteRun("claim3");

        var written = ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir);

        var figures = ChartRenderer.BuildCharts(_fx.ResultsDir).ToDictionary(c => c.FileStem);
        string[] stems = ["claim3-latency-cdf", "claim3-start-mix", "claim3-tradeoff", "claim3-timeseries"];
        Assert.Equal(stems.Order(), figures.Keys.Order());
        Assert.Equal(stems.Length * 2, written.Count);
        foreach (string stem in stems)
        {
            var fig = figures[stem].Figure;
            string png = Path.Combine(_fx.ChartsDir, stem + ".png");
            string svg = Path.Combine(_fx.ChartsDir, stem + ".svg");
            Assert.Contains(png, written);
            Assert.Contains(svg, written);
            ImageAssert.IsPng(png, fig.Width, fig.Height);
            ImageAssert.IsSvg(svg, fig.Width, fig.Height);
        }
    }

    [Fact]
    public void Single_plot_charts_are_900_by_540()
    {
        _fx.WriteRun("claim3");

        ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir);

        ImageAssert.IsPng(Path.Combine(_fx.ChartsDir, "claim3-tradeoff.png"), 900, 540);
        ImageAssert.IsPng(Path.Combine(_fx.ChartsDir, "claim3-start-mix.png"), 900, 540);
    }

    [Fact]
    public void Latency_cdf_has_four_panels_and_one_line_per_model_that_had_that_start()
    {
        _fx.WriteRun();

        var fig = Chart(ChartKind.LatencyCdf);

        Assert.Equal(4, fig.Plots.Count);
        int Lines(int panel) => fig.Plots[panel].GetPlottables<Scatter>().Count();
        Assert.Equal(3, Lines(0)); // all calls: every model
        Assert.Equal(3, Lines(1)); // cold: every model has some
        Assert.Equal(1, Lines(2)); // prewarm: only prewarm-pool
        Assert.Equal(1, Lines(3)); // warm: only keep-alive
        Assert.All(fig.Plots.SelectMany(p => p.GetPlottables<Scatter>()),
            s => Assert.InRange(s.Data.GetScatterPoints().Count, 2, InvocationsCsv.DefaultMaxPoints));
    }

    [Fact]
    public void Latency_cdf_lines_are_capped_at_2000_points_for_large_files()
    {
        _fx.WriteRun(replications: 1, callsPerRun: 20_000);

        var fig = Chart(ChartKind.LatencyCdf);

        var lines = fig.Plots[0].GetPlottables<Scatter>().ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, s => Assert.Equal(InvocationsCsv.DefaultMaxPoints, s.Data.GetScatterPoints().Count));
    }

    [Fact]
    public void Start_mix_stacks_three_bar_series_with_ci_error_bars_for_two_replications()
    {
        _fx.WriteRun(replications: 2);

        var plot = Chart(ChartKind.StartMix).Plots.Single();

        var bars = plot.GetPlottables<BarPlot>().ToList();
        Assert.Equal(["cold", "prewarm", "warm"], bars.Select(b => b.LegendText)); // legend order = stack order
        Assert.All(bars, b => Assert.Equal(3, b.Bars.Count));

        // Boundaries with an interval: keep-alive cold|warm and prewarm-pool cold|prewarm. cold-only
        // is 100% cold in every replication (zero-width interval) and a stack's right end is always 1.
        var errors = Assert.Single(plot.GetPlottables<ErrorBar>());
        Assert.Equal(2, errors.Xs.Count);
        foreach (int model in Enumerable.Range(0, 3))
        {
            double right = bars.SelectMany(b => b.Bars).Where(b => b.Position == 2 - model).Max(b => b.Value);
            Assert.Equal(1.0, right, 9); // fractions of each model stack to one
        }
    }

    [Fact]
    public void Start_mix_has_no_error_bars_with_one_replication()
    {
        _fx.WriteRun(replications: 1);

        var plot = Chart(ChartKind.StartMix).Plots.Single();

        Assert.Equal(3, plot.GetPlottables<BarPlot>().Count());
        Assert.Empty(plot.GetPlottables<ErrorBar>());
    }

    [Fact]
    public void Tradeoff_has_one_point_and_label_per_model_and_a_pareto_front()
    {
        _fx.WriteRun();

        var plot = Chart(ChartKind.Tradeoff).Plots.Single();

        var filled = plot.GetPlottables<Marker>().Where(m => m.MarkerShape == MarkerShape.FilledCircle).ToList();
        Assert.Equal(3, filled.Count);
        Assert.Equal(
            ResultsFixture.Models.Select(m => ModelPalette.FamilyColor(m.Model).ARGB).Order(),
            filled.Select(m => m.MarkerFillColor.ARGB).Order());
        var labels = plot.GetPlottables<Text>().Select(t => t.LabelText).ToList();
        Assert.Equal(["cold-only", "keep-alive", "prewarm-pool"], labels.Order());

        // cold-only (no idle memory) and prewarm-pool (fewest cold starts) are optimal; keep-alive is dominated.
        var rings = plot.GetPlottables<Marker>().Where(m => m.MarkerShape == MarkerShape.OpenCircle).ToList();
        Assert.Equal(2, rings.Count);
        Assert.Single(plot.GetPlottables<Scatter>()); // the dashed front line
    }

    [Fact]
    public void Timeseries_has_a_panel_per_model_with_three_state_bands_and_a_load_line()
    {
        _fx.WriteRun();

        var fig = Chart(ChartKind.TimeSeries);

        Assert.Equal(3, fig.Plots.Count);
        Assert.All(fig.Plots, p => Assert.Equal(3, p.GetPlottables<FillY>().Count()));

        // cold-only and keep-alive: load line only; prewarm-pool also draws its pool target.
        Assert.Equal([1, 1, 2], fig.Plots.Select(p => p.GetPlottables<Scatter>().Count()));
        Assert.Equal(60 + (190 * 3), fig.Height); // grows with the panel count
    }

    [Fact]
    public void Crossover_heatmap_is_drawn_only_when_the_sweep_parameters_are_present()
    {
        _fx.WriteRun("claim3");
        Assert.DoesNotContain(ChartRenderer.BuildCharts(_fx.ResultsDir), c => c.Kind == ChartKind.Crossover);

        _fx.WriteSweepSummary("crossover");
        File.Delete(_fx.InvocationsPath);
        File.Delete(_fx.TimeSeriesPath);
        var written = ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir);

        string png = Path.Combine(_fx.ChartsDir, "crossover-crossover.png");
        Assert.Contains(png, written);
        ImageAssert.IsPng(png, 900, 540);
        ImageAssert.IsSvg(Path.ChangeExtension(png, ".svg"), 900, 540);
    }

    [Fact]
    public void Crossover_heatmap_has_one_annotated_cell_per_parameter_pair()
    {
        _fx.WriteSweepSummary();
        var rows = SummaryCsv.Read(_fx.SummaryPath);

        var plot = CrossoverHeatmapChart.Build("crossover", rows, "mean_interval_s", "functions", "mean_ms", "keep-alive", "prewarm-pool").Plots.Single();

        var heatmap = Assert.Single(plot.GetPlottables<Heatmap>());
        Assert.Equal(3, heatmap.Intensities.GetLength(0)); // functions: 1, 5, 20
        Assert.Equal(4, heatmap.Intensities.GetLength(1)); // interval: 1, 10, 60, 300 s
        Assert.Equal(12, plot.GetPlottables<Text>().Count());

        // Row 0 is functions=1; at 1 s keep-alive stays warm (prewarm slower, ratio > 1),
        // at 300 s it goes cold (prewarm faster, ratio < 1).
        Assert.True(heatmap.Intensities[0, 0] > 0);
        Assert.True(heatmap.Intensities[0, 3] < 0);
    }

    [Fact]
    public void Crossover_can_not_be_built_without_both_models()
    {
        _fx.WriteSweepSummary();
        var rows = SummaryCsv.Read(_fx.SummaryPath).Where(r => r.Model == "keep-alive").ToList();

        Assert.False(CrossoverHeatmapChart.CanBuild(rows, "mean_interval_s", "functions", "keep-alive", "prewarm-pool"));
        Assert.Throws<InvalidOperationException>(() =>
            CrossoverHeatmapChart.Build("x", rows, "mean_interval_s", "functions", "mean_ms", "keep-alive", "prewarm-pool"));
    }

    [Fact]
    public void Missing_invocations_and_timeseries_skip_only_their_charts()
    {
        _fx.WriteRun("claim1");
        File.Delete(_fx.InvocationsPath);
        File.Delete(_fx.TimeSeriesPath);

        var written = ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir);

        Assert.Equal(
            ["claim1-start-mix.png", "claim1-start-mix.svg", "claim1-tradeoff.png", "claim1-tradeoff.svg"],
            written.Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_folder_of_run_folders_renders_each_scenario()
    {
        _fx.WriteRun("claim1", dir: Path.Combine(_fx.ResultsDir, "claim1"));
        _fx.WriteRun("claim2", dir: Path.Combine(_fx.ResultsDir, "claim2"));

        var written = ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir);

        Assert.Equal(16, written.Count);
        Assert.Contains(Path.Combine(_fx.ChartsDir, "claim2-timeseries.svg"), written);
    }

    [Fact]
    public void Same_model_has_the_same_colour_in_every_chart()
    {
        _fx.WriteRun();
        var charts = ChartRenderer.BuildCharts(_fx.ResultsDir).ToDictionary(c => c.Kind, c => c.Figure);
        Color keepAlive = ModelPalette.FamilyColors["keep-alive"];

        var cdf = charts[ChartKind.LatencyCdf];
        Assert.Equal(keepAlive, cdf.Legend.Single(i => i.Label == "keep-alive").Color);
        Assert.Single(cdf.Plots[3].GetPlottables<Scatter>(), s => s.LineColor == keepAlive); // warm panel
        Assert.Contains(charts[ChartKind.Tradeoff].Plots[0].GetPlottables<Marker>(), m => m.MarkerFillColor == keepAlive);
        Assert.Contains(charts[ChartKind.TimeSeries].Plots, p => p.Axes.Title.Label.Text == "keep-alive");
    }

    [Fact]
    public void Sweep_settings_sharing_a_label_become_separate_entries_in_per_model_charts()
    {
        _fx.WriteSweepSummary("crossover");

        var charts = ChartRenderer.BuildCharts(_fx.ResultsDir).ToDictionary(c => c.Kind, c => c.Figure);

        var labels = charts[ChartKind.Tradeoff].Plots[0].GetPlottables<Marker>().Count(m => m.MarkerShape == MarkerShape.FilledCircle);
        Assert.Equal(2 * 4 * 3, labels);
        Assert.All(charts[ChartKind.StartMix].Plots[0].GetPlottables<BarPlot>(), b => Assert.Equal(24, b.Bars.Count));
        Assert.Equal(130 + (34 * 24), charts[ChartKind.StartMix].Height);
    }

    [Fact]
    public void Multi_panel_figures_carry_a_shared_legend()
    {
        _fx.WriteRun();
        var charts = ChartRenderer.BuildCharts(_fx.ResultsDir).ToDictionary(c => c.Kind, c => c.Figure);

        Assert.Equal(["cold-only", "keep-alive", "prewarm-pool"], charts[ChartKind.LatencyCdf].Legend.Select(i => i.Label));
        Assert.Equal(5, charts[ChartKind.TimeSeries].Legend.Count); // three states, pool target, load
    }

    private ChartFigure Chart(ChartKind kind) => ChartRenderer.BuildCharts(_fx.ResultsDir).Single(c => c.Kind == kind).Figure;
}
