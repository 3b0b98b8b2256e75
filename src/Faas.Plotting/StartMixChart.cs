using System.Globalization;
using Faas.Results;
using ScottPlot;

namespace Faas.Plotting;

/// <summary>
/// Start-type mix per model: one horizontal stacked bar per model (first model on top) whose
/// segments are the cold, prewarm and warm fractions of started calls, left to right, each the
/// mean over replications. Error bars sit on the boundaries between segments and show the 95%
/// Student-t interval of the cumulative fraction up to that boundary (cold, then cold + prewarm,
/// which is 1 − warm), clipped to [0, 1]; a stack that sums to one has no uncertainty at its
/// right end, so none is drawn there. No error bar is drawn for a model with a single replication. Segments of at
/// least 7% carry their percentage.
/// </summary>
public static class StartMixChart
{
    /// <summary>Smallest segment that gets a percentage label (narrower ones have no room).</summary>
    private const double LabelThreshold = 0.07;

    /// <summary>Percent labels sit a little above a bar's centre line and error bars a little below, so they never cross.</summary>
    private const double LabelLift = 0.1;

    /// <summary>How far below a bar's centre line its error bars are drawn (in bar-position units; a bar is 0.7 thick).</summary>
    private const double ErrorDrop = 0.17;

    /// <summary>Height in pixels given to each bar when many models push the figure past its default height.</summary>
    private const int PixelsPerModel = 34;

    /// <summary>Builds the chart from the summary rows of one scenario.</summary>
    public static ChartFigure Build(string scenario, IReadOnlyList<SummaryRow> rows, ModelPalette palette)
    {
        var plot = new Plot();
        var started = rows.Where(r => r.Started > 0).ToList();
        var segments = StartTypes.Ordered.Select(st => ModelStats.Summarise(started, palette.Labels, r => Fraction(r, st))).ToList();
        var models = segments[0].Select(s => s.Model).ToList();
        int n = models.Count;
        double Position(int i) => n - 1 - i;

        // Bars first, so the legend lists cold, prewarm, warm and labels draw on top of bars.
        var left = new double[n];
        var labels = new List<(string Text, double X, double Y, string StartType)>();
        for (int k = 0; k < StartTypes.Ordered.Count; k++)
        {
            string st = StartTypes.Ordered[k];
            var bars = new List<Bar>();
            for (int i = 0; i < n; i++)
            {
                double mean = double.IsFinite(segments[k][i].Mean) ? segments[k][i].Mean : 0;
                bars.Add(new Bar
                {
                    Position = Position(i),
                    ValueBase = left[i],
                    Value = left[i] + mean,
                    FillColor = ChartColors.ForStartType(st),
                    LineColor = Colors.White,
                    LineWidth = 1,
                    Orientation = Orientation.Horizontal,
                    Size = 0.7,
                });
                if (mean >= LabelThreshold)
                {
                    labels.Add(((mean * 100).ToString("0", CultureInfo.InvariantCulture) + "%", left[i] + (mean / 2), Position(i) + LabelLift, st));
                }

                left[i] += mean;
            }

            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            barPlot.LegendText = st;
        }

        AddBoundaryErrorBars(plot, started, models, Position);

        foreach (var (text, x, y, st) in labels)
        {
            var label = ChartStyle.Text(plot, text, x, y);
            label.Alignment = Alignment.MiddleCenter;
            label.LabelFontColor = st == StartTypes.Prewarm ? Colors.Black : Colors.White;
            label.LabelBold = true;
        }

        plot.Title($"{scenario}: start-type mix per model");
        plot.XLabel("fraction of started calls (mean over replications; error bars: 95% CI)");
        plot.Axes.Left.TickGenerator = AxisTicks.Categories(models, models.Select((_, i) => Position(i)).ToList());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [0, 0.2, 0.4, 0.6, 0.8, 1], ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
        plot.Axes.SetLimits(0, 1.0, -0.6, n - 0.4);
        plot.Grid.YAxisStyle.IsVisible = false;
        ChartStyle.Apply(plot);
        plot.ShowLegend(Edge.Top);
        plot.Legend.Orientation = Orientation.Horizontal;
        return new ChartFigure(plot, ChartStyle.Width, Math.Max(ChartStyle.Height, 130 + (PixelsPerModel * n)));
    }

    /// <summary>
    /// One error-bar plottable for all models: at the cold|prewarm and prewarm|warm boundaries,
    /// the CI of the cumulative fraction. A boundary equal to the previous one (an empty
    /// segment between them) or with no interval is skipped.
    /// </summary>
    private static void AddBoundaryErrorBars(Plot plot, List<SummaryRow> started, List<string> models, Func<int, double> position)
    {
        var cumulative = new Func<SummaryRow, double>[]
        {
            r => r.Cold / r.Started,
            r => (r.Cold + r.Prewarm) / r.Started,
        };
        var xs = new List<double>();
        var ys = new List<double>();
        var below = new List<double>();
        var above = new List<double>();
        for (int i = 0; i < models.Count; i++)
        {
            var modelRows = started.Where(r => r.Model == models[i]).ToList();
            double previous = double.NaN;
            foreach (var boundary in cumulative)
            {
                var (mean, half, _) = Statistics.MeanCi(modelRows.Select(boundary));
                bool sameAsPrevious = Math.Abs(mean - previous) < 1e-12;
                previous = mean;
                if (half > 0 && !sameAsPrevious)
                {
                    // A fraction lies in [0, 1]; the interval is clipped there.
                    xs.Add(mean);
                    ys.Add(position(i) - ErrorDrop);
                    below.Add(Math.Min(half, mean));
                    above.Add(Math.Min(half, 1 - mean));
                }
            }
        }

        if (xs.Count > 0)
        {
            var zeros = new double[xs.Count];
            plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(xs, ys, above, below, zeros, zeros)
            {
                Color = Colors.Black,
                LineWidth = 1.5f,
                CapSize = 7,
            });
        }
    }

    private static double Fraction(SummaryRow r, string startType) => startType switch
    {
        StartTypes.Cold => r.Cold / r.Started,
        StartTypes.Prewarm => r.Prewarm / r.Started,
        _ => r.Warm / r.Started,
    };
}
