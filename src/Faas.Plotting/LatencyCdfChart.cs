using System.Globalization;
using Faas.Results;
using ScottPlot;

namespace Faas.Plotting;

/// <summary>
/// Latency CDF by start type: a 2×2 figure with panels for all completed calls, cold, prewarm
/// and warm starts. Each panel has one line per model in its palette colour; x is latency in
/// ms on a log10 axis (cold starts take about a second, warm ones milliseconds), y the fraction
/// of that panel's calls at or below x. A panel whose start type no model had says so. The
/// model legend sits under the figure title, shared by the four panels.
/// </summary>
public static class LatencyCdfChart
{
    /// <summary>Figure width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Figure height in pixels (taller than a single chart: four panels).</summary>
    public const int Height = 640;

    private static readonly (string Start, string Title)[] Panels =
    [
        (StartTypes.All, "All completed calls"),
        (StartTypes.Cold, "Cold starts"),
        (StartTypes.Prewarm, "Prewarm starts"),
        (StartTypes.Warm, "Warm starts"),
    ];

    /// <summary>
    /// Builds the figure from the curves of one scenario. Lines are drawn in palette order; the
    /// legend (models) is in the first panel only, since colours mean the same in all four.
    /// </summary>
    public static ChartFigure Build(string scenario, IReadOnlyList<LatencyCurve> curves, ModelPalette palette)
    {
        var models = palette.Labels.Where(m => curves.Any(c => c.Model == m))
            .Concat(curves.Select(c => c.Model).Distinct().Where(m => !palette.Labels.Contains(m)))
            .ToList();

        var multiplot = new Multiplot();
        multiplot.AddPlots(Panels.Length); // a new Multiplot already holds one plot: this tops it up
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: 2);
        for (int p = 0; p < Panels.Length; p++)
        {
            var (start, title) = Panels[p];
            var plot = multiplot.GetPlot(p);
            var panelCurves = models
                .Select(m => curves.FirstOrDefault(c => c.Model == m && c.StartType == start))
                .Where(c => c is not null && c.Count > 0)
                .Select(c => c!)
                .ToList();
            long calls = panelCurves.Sum(c => c.Count);
            plot.Title(calls > 0 ? string.Create(CultureInfo.InvariantCulture, $"{title} (n = {calls:N0})") : title);

            // Every panel shares the x range of the "all" panel when possible so starts can be
            // compared across panels by position.
            var allPoints = curves.Where(c => c.StartType == StartTypes.All).SelectMany(c => c.LatencyMs).ToList();
            double lo = Math.Log10(allPoints.Count > 0 ? allPoints.Min() : 1);
            double hi = Math.Log10(allPoints.Count > 0 ? allPoints.Max() : 1000);
            if (hi - lo < 0.3)
            {
                lo -= 0.15;
                hi += 0.15;
            }

            double pad = (hi - lo) * 0.03;
            foreach (var curve in panelCurves)
            {
                double[] xs = curve.LatencyMs.Select(Math.Log10).ToArray();
                double[] ys = curve.Fraction.ToArray();
                var line = plot.Add.ScatterLine(xs, ys, palette.ColorFor(curve.Model));
                line.LineWidth = 2;
                line.MarkerSize = 0;
            }

            if (panelCurves.Count == 0)
            {
                var note = ChartStyle.Text(plot, $"no {title.ToLowerInvariant()}", (lo + hi) / 2, 0.5, ChartStyle.AxisLabelSize);
                note.Alignment = Alignment.MiddleCenter;
                note.LabelFontColor = Colors.Gray;
            }

            plot.Axes.Bottom.TickGenerator = AxisTicks.Log10(lo - pad, hi + pad);
            plot.Axes.SetLimits(lo - pad, hi + pad, 0, 1.02);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [0, 0.25, 0.5, 0.75, 1], ["0", "0.25", "0.5", "0.75", "1"]);
            plot.XLabel(p >= 2 ? "latency (ms, log scale)" : string.Empty);
            plot.YLabel(p % 2 == 0 ? "fraction of calls ≤ latency" : string.Empty);
            ChartStyle.Apply(plot);
            plot.Axes.Title.Label.FontSize = ChartStyle.AxisLabelSize;
            plot.Grid.MinorLineWidth = 1; // minor grid lines make the log scale readable
            plot.HideLegend();
        }

        var legend = models.Select(m => new FigureLegendItem(m, palette.ColorFor(m))).ToList();
        return new ChartFigure(multiplot, $"{scenario}: latency CDF by start type", legend, Width, Height);
    }
}
