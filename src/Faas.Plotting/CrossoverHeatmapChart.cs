using System.Globalization;
using Faas.Results;
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
    /// <param name="marks">Reference lines (keep-alive ttl, runtime start, pool window), drawn when given and inside the grid; both axes are then read as log scales between cell centres.</param>
    /// <exception cref="InvalidOperationException"><see cref="CanBuild"/> is false for these arguments.</exception>
    public static ChartFigure Build(
        string scenario, IReadOnlyList<SummaryRow> rows, string xParam, string yParam, string metric, string modelA, string modelB,
        CrossoverMarks? marks = null)
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

        if (marks is not null && AddMarks(plot, xs, ys, marks))
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
        }

        plot.Axes.Bottom.TickGenerator = AxisTicks.Categories(xs.Select(x => TickLabel(xParam, x)).ToList());
        plot.Axes.Left.TickGenerator = AxisTicks.Categories(ys.Select(y => TickLabel(yParam, y)).ToList());
        plot.Axes.SetLimits(-0.5, xs.Count - 0.5, -0.5, ys.Count - 0.5);
        plot.Grid.IsVisible = false;
        plot.Title($"{scenario}: {modelB} vs {modelA}, {metricName}");
        plot.XLabel(AxisLabel(xParam));
        plot.YLabel(AxisLabel(yParam));
        ChartStyle.Apply(plot);
        colorBar.LabelStyle.FontSize = ChartStyle.TickLabelSize; // long text: must fit the plot's height also with a legend below
        colorBar.LabelStyle.Bold = false;
        colorBar.LabelStyle.FontName = ChartStyle.FontName;
        colorBar.Axis.TickLabelStyle.FontSize = ChartStyle.TickLabelSize;
        colorBar.Axis.TickLabelStyle.FontName = ChartStyle.FontName;
        return new ChartFigure(plot);
    }

    /// <summary>
    /// Draws the reference lines that fall inside the grid; returns whether any was drawn. Cell
    /// centres sit at the category values; between and just beyond them positions are
    /// interpolated on log scales (the sweeps are roughly geometric).
    /// </summary>
    private static bool AddMarks(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, CrossoverMarks marks)
    {
        if (xs.Count < 2 || ys.Count < 2 || xs[0] <= 0 || ys[0] <= 0)
        {
            return false;
        }

        bool any = false;
        if (marks.KeepAliveTtlSeconds is double ttl && ttl > 0)
        {
            double x = LogPosition(xs, ttl);
            if (x >= -0.5 && x <= xs.Count - 0.5)
            {
                var line = plot.Add.VerticalLine(x, 2.5f, Colors.Black, LinePattern.Solid);
                line.LegendText = $"keep-alive ttl ({FormatSeconds(ttl)})";
                any = true;
            }
        }

        any |= AddRateLine(plot, xs, ys, marks.RuntimeStartSeconds, LinePattern.Dotted, "runtime called once per container start");
        any |= AddRateLine(plot, xs, ys, marks.PoolWindowSeconds, LinePattern.Dashed, "runtime called once per pool window");
        return any;
    }

    /// <summary>The line functions = interval / <paramref name="seconds"/>: the runtime's calls are <paramref name="seconds"/> apart on average.</summary>
    private static bool AddRateLine(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, double? seconds, LinePattern pattern, string label)
    {
        if (seconds is not double t || t <= 0)
        {
            return false;
        }

        var px = new List<double>();
        var py = new List<double>();
        for (double x = -0.5; x <= xs.Count - 0.5 + 1e-9; x += 0.02)
        {
            double y = LogPosition(ys, LogValue(xs, x) / t);
            if (y >= -0.5 && y <= ys.Count - 0.5)
            {
                px.Add(x);
                py.Add(y);
            }
        }

        if (px.Count < 2)
        {
            return false;
        }

        var line = plot.Add.ScatterLine(px.ToArray(), py.ToArray(), Colors.Black);
        line.LinePattern = pattern;
        line.LineWidth = 2.5f;
        line.MarkerSize = 0;
        line.LegendText = $"{label} ({FormatSeconds(t)})";
        return true;
    }

    /// <summary>Fractional category index of <paramref name="v"/>, linear in log value between neighbouring categories (extrapolated past the ends).</summary>
    private static double LogPosition(IReadOnlyList<double> cats, double v)
    {
        if (v <= 0 || !double.IsFinite(v))
        {
            return double.NaN;
        }

        double lv = Math.Log(v);
        int k = 0;
        while (k < cats.Count - 2 && lv > Math.Log(cats[k + 1]))
        {
            k++;
        }

        double a = Math.Log(cats[k]), b = Math.Log(cats[k + 1]);
        return k + ((lv - a) / (b - a));
    }

    /// <summary>The value at fractional category index <paramref name="pos"/> (inverse of <see cref="LogPosition"/>).</summary>
    private static double LogValue(IReadOnlyList<double> cats, double pos)
    {
        int k = Math.Clamp((int)Math.Floor(pos), 0, cats.Count - 2);
        double a = Math.Log(cats[k]), b = Math.Log(cats[k + 1]);
        return Math.Exp(a + ((pos - k) * (b - a)));
    }

    /// <summary>The axis title; for durations without the "(s)", since their ticks carry units.</summary>
    private static string AxisLabel(string param)
    {
        string label = Labels.Parameter(param);
        return param.EndsWith("_s", StringComparison.Ordinal) && label.EndsWith(" (s)", StringComparison.Ordinal) ? label[..^4] : label;
    }

    /// <summary>A category label: durations (parameters in seconds, <c>*_s</c>) as 10 s, 5 min, 1 h; other values as numbers.</summary>
    private static string TickLabel(string param, double v) =>
        param.EndsWith("_s", StringComparison.Ordinal) ? FormatSeconds(v) : AxisTicks.FormatNumber(v);

    private static string FormatSeconds(double s) =>
        s < 1 ? $"{AxisTicks.FormatNumber(Math.Round(s * 1000))} ms"
        : s < 60 ? $"{AxisTicks.FormatNumber(Math.Round(s, 2))} s"
        : s < 3600 ? $"{AxisTicks.FormatNumber(Math.Round(s / 60, 1))} min"
        : $"{AxisTicks.FormatNumber(Math.Round(s / 3600, 1))} h";

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
