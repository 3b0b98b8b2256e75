using System.Globalization;
using ScottPlot;

namespace Faas.Plotting;

/// <summary>
/// Crossover map over a two-parameter sweep: one cell per (x, y) parameter pair, coloured by
/// the ratio of a summary metric between two models (B / A, each the mean over its
/// replications), on a log2 diverging scale centred on 1 whose ends take the colours of the
/// two models: a cell leans to the colour of the model that is lower (better) there. Each cell
/// is annotated with its ratio; a pair missing either model is left blank.
/// </summary>
public static class CrossoverHeatmapChart
{
    /// <summary>Sweep parameter on the x axis of the default crossover chart.</summary>
    public const string DefaultXParameter = "mean_interval_s";

    /// <summary>Sweep parameter on the y axis of the default crossover chart.</summary>
    public const string DefaultYParameter = "functions";

    /// <summary>Metric compared by the default chart.</summary>
    public const string DefaultMetric = "mean_ms";

    /// <summary>Reference model (denominator) of the default chart.</summary>
    public const string DefaultModelA = "keep-alive";

    /// <summary>Compared model (numerator) of the default chart.</summary>
    public const string DefaultModelB = "prewarm-pool";

    private static readonly double[] NiceRatios = [1 / 16.0, 1 / 8.0, 1 / 4.0, 1 / 2.0, 1 / 1.5, 1, 1.5, 2, 4, 8, 16];

    /// <summary>
    /// True when <paramref name="rows"/> hold both parameters on some row and rows of both
    /// model families: the condition for drawing the chart.
    /// </summary>
    public static bool CanBuild(IReadOnlyList<SummaryRow> rows, string xParam, string yParam, string modelA, string modelB) =>
        rows.Any(r => Matches(r, modelA) && r.Parameters.ContainsKey(xParam) && r.Parameters.ContainsKey(yParam))
        && rows.Any(r => Matches(r, modelB) && r.Parameters.ContainsKey(xParam) && r.Parameters.ContainsKey(yParam));

    /// <summary>
    /// Builds the chart. A row belongs to model A when its label equals <paramref name="modelA"/>
    /// or its family (<see cref="ModelPalette.FamilyOf"/>) does; if several labels of A share a
    /// cell, the one equal to <paramref name="modelA"/> is used, else the first in file order.
    /// Same for B. Non-positive or missing means leave the cell blank.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="CanBuild"/> is false for these arguments.</exception>
    public static ChartFigure Build(
        string scenario, IReadOnlyList<SummaryRow> rows, string xParam, string yParam, string metric, string modelA, string modelB)
    {
        if (!CanBuild(rows, xParam, yParam, modelA, modelB))
        {
            throw new InvalidOperationException(
                $"crossover chart needs rows of '{modelA}' and '{modelB}' with parameters '{xParam}' and '{yParam}'");
        }

        var swept = rows.Where(r => r.Parameters.ContainsKey(xParam) && r.Parameters.ContainsKey(yParam)).ToList();
        var xs = swept.Select(r => r.Parameters[xParam]).Distinct().Order().ToList();
        var ys = swept.Select(r => r.Parameters[yParam]).Distinct().Order().ToList();
        var ratio = new double[ys.Count, xs.Count];
        for (int j = 0; j < ys.Count; j++)
        {
            for (int i = 0; i < xs.Count; i++)
            {
                var cell = swept.Where(r => r.Parameters[xParam] == xs[i] && r.Parameters[yParam] == ys[j]).ToList();
                double a = CellMean(cell, modelA, metric);
                double b = CellMean(cell, modelB, metric);
                ratio[j, i] = a > 0 && b > 0 ? b / a : double.NaN;
            }
        }

        double maxLog = 0;
        foreach (double r in ratio)
        {
            if (double.IsFinite(r))
            {
                maxLog = Math.Max(maxLog, Math.Abs(Math.Log2(r)));
            }
        }

        // Symmetric colour range, never narrower than ×1.25 either way so near-ties stay pale.
        double range = Math.Max(maxLog, Math.Log2(1.25));
        var logRatio = new double[ys.Count, xs.Count];
        for (int j = 0; j < ys.Count; j++)
        {
            for (int i = 0; i < xs.Count; i++)
            {
                logRatio[j, i] = double.IsFinite(ratio[j, i]) ? Math.Log2(ratio[j, i]) : double.NaN;
            }
        }

        Color colorA = ModelPalette.FamilyColor(ModelPalette.FamilyOf(modelA));
        Color colorB = ModelPalette.FamilyColor(ModelPalette.FamilyOf(modelB));
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(logRatio);
        heatmap.FlipVertically = true; // row 0 (smallest y value) at the bottom
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated(
            [colorB.Darken(0.35), colorB, Colors.White, colorA, colorA.Darken(0.35)]);
        heatmap.ManualRange = new ScottPlot.Range(-range, range);
        heatmap.NaNCellColor = Colors.White;

        var colorBar = plot.Add.ColorBar(heatmap);
        string metricName = Labels.Metric(metric);
        colorBar.Label = $"ratio {modelB} / {modelA} (< 1: {modelB} lower)";
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double nice in NiceRatios.Where(v => Math.Abs(Math.Log2(v)) <= range + 1e-9))
        {
            ticks.AddMajor(Math.Log2(nice), nice.ToString("0.##", CultureInfo.InvariantCulture) + "×");
        }

        colorBar.Axis.TickGenerator = ticks;

        for (int j = 0; j < ys.Count; j++)
        {
            for (int i = 0; i < xs.Count; i++)
            {
                bool missing = !double.IsFinite(ratio[j, i]);
                var text = ChartStyle.Text(plot, missing ? "n/a" : FormatRatio(ratio[j, i]), i, j,
                    xs.Count * ys.Count > 64 ? ChartStyle.AnnotationSize - 2 : ChartStyle.AnnotationSize);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontColor = missing ? Colors.Gray
                    : Math.Abs(logRatio[j, i]) > range * 0.6 ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.Bottom.TickGenerator = AxisTicks.Categories(xs.Select(AxisTicks.FormatNumber).ToList());
        plot.Axes.Left.TickGenerator = AxisTicks.Categories(ys.Select(AxisTicks.FormatNumber).ToList());
        plot.Axes.SetLimits(-0.5, xs.Count - 0.5, -0.5, ys.Count - 0.5);
        plot.Grid.IsVisible = false;
        plot.Title($"{scenario}: {modelB} vs {modelA}, {metricName}");
        plot.XLabel(Labels.Parameter(xParam));
        plot.YLabel(Labels.Parameter(yParam));
        ChartStyle.Apply(plot);
        colorBar.LabelStyle.FontSize = ChartStyle.AxisLabelSize;
        colorBar.LabelStyle.FontName = ChartStyle.FontName;
        colorBar.Axis.TickLabelStyle.FontSize = ChartStyle.TickLabelSize;
        colorBar.Axis.TickLabelStyle.FontName = ChartStyle.FontName;
        return new ChartFigure(plot);
    }

    /// <summary>True when the row's label is <paramref name="model"/> or belongs to its family.</summary>
    private static bool Matches(SummaryRow row, string model) =>
        row.Model == model || ModelPalette.FamilyOf(row.Model) == ModelPalette.FamilyOf(model);

    private static double CellMean(List<SummaryRow> cell, string model, string metric)
    {
        var candidates = cell.Where(r => Matches(r, model)).ToList();
        if (candidates.Count == 0)
        {
            return double.NaN;
        }

        string label = candidates.Any(r => r.Model == model) ? model : candidates[0].Model;
        return Statistics.MeanCi(candidates.Where(r => r.Model == label).Select(r => r.Get(metric))).Mean;
    }

    private static string FormatRatio(double r) =>
        r.ToString(r >= 10 ? "0" : "0.00", CultureInfo.InvariantCulture) + "×";
}
