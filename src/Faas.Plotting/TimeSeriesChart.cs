using Faas.Results;
using ScottPlot;

namespace Faas.Plotting;

/// <summary>
/// Pool state over time, one panel per model stacked vertically with a shared time axis:
/// containers by state as stacked areas (busy at the bottom, then starting, then idle, so the
/// top edge is all live containers), the pool target as a dashed line when the policy has one,
/// and the offered load (arrivals per second, right axis) as a black line. One replication
/// (the lowest-numbered, 0 in simulator output) is shown, since averaging would blur bursts.
/// All panels share the y ranges so models compare at a glance; the legend sits under the title.
/// </summary>
public static class TimeSeriesChart
{
    /// <summary>Most panels drawn; further models are left out and the title says so.</summary>
    public const int MaxPanels = 8;

    private const int PanelHeight = 190;
    private const int HeaderHeight = 60;

    /// <summary>Builds the figure from the traces of one scenario.</summary>
    public static ChartFigure Build(string scenario, IReadOnlyList<TimeSeriesTrace> traces, ModelPalette palette)
    {
        var ordered = palette.Labels.Select(m => traces.FirstOrDefault(t => t.Model == m)).Where(t => t is not null).Select(t => t!)
            .Concat(traces.Where(t => !palette.Labels.Contains(t.Model)))
            .ToList();
        var shown = ordered.Take(MaxPanels).ToList();

        double tMax = shown.Count > 0 ? shown.Max(t => t.Count > 0 ? t.TimeS[^1] : 0) : 0;
        var (unit, divisor) = tMax > 7200 ? ("h", 3600.0) : tMax > 600 ? ("min", 60.0) : ("s", 1.0);
        double yTop = shown.Select(t => Enumerable.Range(0, t.Count).Select(k => Math.Max(t.Busy[k] + t.Starting[k] + t.Idle[k], t.PoolTarget[k])).DefaultIfEmpty(0).Max())
            .DefaultIfEmpty(0).Max();
        double loadTop = shown.SelectMany(t => t.ArrivalsPerS).DefaultIfEmpty(0).Max();
        yTop = yTop > 0 ? yTop * 1.3 : 1;
        loadTop = loadTop > 0 ? loadTop * 1.3 : 1;

        var multiplot = new Multiplot();
        multiplot.AddPlots(Math.Max(1, shown.Count)); // a new Multiplot already holds one plot: this tops it up
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        for (int p = 0; p < shown.Count; p++)
        {
            var trace = shown[p];
            var plot = multiplot.GetPlot(p);
            bool last = p == shown.Count - 1;
            double[] xs = trace.TimeS.Select(t => t / divisor).ToArray();
            double[] busy = trace.Busy.ToArray();
            double[] starting = busy.Select((b, k) => b + trace.Starting[k]).ToArray();
            double[] all = starting.Select((s, k) => s + trace.Idle[k]).ToArray();
            var zero = new double[xs.Length];

            AddBand(plot, xs, zero, busy, ChartColors.Busy);
            AddBand(plot, xs, busy, starting, ChartColors.Starting);
            AddBand(plot, xs, starting, all, ChartColors.Idle);

            if (trace.HasPoolTarget)
            {
                var target = plot.Add.ScatterLine(xs, trace.PoolTarget.ToArray(), ChartColors.PoolTarget);
                target.LinePattern = LinePattern.Dashed;
                target.LineWidth = 1.5f;
                target.MarkerSize = 0;
            }

            var load = plot.Add.ScatterLine(xs, trace.ArrivalsPerS.ToArray(), ChartColors.Load);
            load.LineWidth = 1.3f;
            load.MarkerSize = 0;
            load.Axes.YAxis = plot.Axes.Right;

            plot.Title(trace.Model);
            plot.YLabel("containers");
            plot.Axes.Right.Label.Text = "arrivals/s";
            plot.XLabel(last ? $"time ({unit})" : string.Empty);
            plot.Axes.SetLimitsX(xs.Length > 0 ? xs[0] : 0, xs.Length > 1 ? xs[^1] : 1);
            plot.Axes.SetLimitsY(0, yTop, plot.Axes.Left);
            plot.Axes.SetLimitsY(0, loadTop, plot.Axes.Right);
            ChartStyle.Apply(plot);
            plot.Axes.Title.Label.FontSize = ChartStyle.AxisLabelSize;
            plot.Axes.Title.Label.ForeColor = palette.ColorFor(trace.Model).Darken(0.2);
            plot.HideLegend();
        }

        if (shown.Count > 1)
        {
            multiplot.SharedAxes.ShareX(multiplot.GetPlots());
        }

        string title = $"{scenario}: pool state over time, replication {(shown.Count > 0 ? shown[0].Replication : 0)}";
        if (ordered.Count > shown.Count)
        {
            title += $" (first {shown.Count} of {ordered.Count} models)";
        }

        var legend = new List<FigureLegendItem>
        {
            new("busy containers", ChartColors.Busy, FigureLegendSymbol.Box),
            new("starting", ChartColors.Starting, FigureLegendSymbol.Box),
            new("idle", ChartColors.Idle, FigureLegendSymbol.Box),
        };
        if (shown.Any(t => t.HasPoolTarget))
        {
            legend.Add(new("pool target", ChartColors.PoolTarget, FigureLegendSymbol.DashedLine));
        }

        legend.Add(new("offered load (arrivals/s, right axis)", ChartColors.Load));
        int height = Math.Max(ChartStyle.Height, HeaderHeight + (PanelHeight * shown.Count));
        return new ChartFigure(multiplot, title, legend, ChartStyle.Width, height);
    }

    private static void AddBand(Plot plot, double[] xs, double[] lower, double[] upper, Color color)
    {
        var band = plot.Add.FillY(xs, lower, upper);
        band.FillColor = color;
        band.LineWidth = 0;
    }
}
