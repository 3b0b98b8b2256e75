using Faas.Results;
using ScottPlot;

namespace Faas.Plotting;

/// <summary>
/// Measured vs simulated cold-start probability over arrival rate, for the AWS Lambda keep-alive
/// validation (both axes log10). Measured points carry ±1.96·SE error bars; simulated points carry
/// their 95% CI over replications. Reads only lambda-validation.csv.
/// </summary>
public static class LambdaValidationChart
{
    public static ChartFigure Build(IReadOnlyList<LambdaValidationCsv.Point> points, double simMape, double simfaasMape)
    {
        var plot = new Plot();
        double[] x = points.Select(p => Math.Log10(p.Rate)).ToArray();
        Log10Series(plot, x, points.Select(p => p.Measured).ToArray(), points.Select(p => 1.96 * p.MeasuredSe).ToArray(),
            Color.FromHex("#1B1B1B"), MarkerShape.OpenCircle, "AWS Lambda, measured (±1.96 SE)");
        Log10Series(plot, x, points.Select(p => p.Simulated).ToArray(), points.Select(p => double.IsNaN(p.SimulatedCi) ? 0 : p.SimulatedCi).ToArray(),
            ModelPalette.FamilyColor("keep-alive"), MarkerShape.FilledCircle, $"Faas.Sim keep-alive, ttl 600 s (MAPE {simMape:P1}; SimFaaS {simfaasMape:P1})");

        double yMin = Math.Log10(points.Min(p => Math.Min(p.Measured, p.Simulated))) - 0.2;
        double yMax = Math.Log10(points.Max(p => Math.Max(p.Measured, p.Simulated))) + 0.2;
        plot.Axes.SetLimits(x.Min() - 0.15, x.Max() + 0.15, yMin, yMax);
        plot.Axes.Bottom.TickGenerator = AxisTicks.Log10(x.Min() - 0.15, x.Max() + 0.15);
        plot.Axes.Left.TickGenerator = AxisTicks.Log10(yMin, yMax);
        plot.Title("Cold-start probability: AWS Lambda vs simulation");
        plot.XLabel("arrival rate (requests/s, log scale)");
        plot.YLabel("P(cold start) (log scale)");
        plot.ShowLegend(Alignment.UpperRight);
        ChartStyle.Apply(plot);
        return new ChartFigure(plot);
    }

    private static void Log10Series(Plot plot, double[] x, double[] y, double[] halfWidth, Color color, MarkerShape shape, string label)
    {
        double[] ly = y.Select(Math.Log10).ToArray();
        double[] up = y.Select((v, i) => Math.Log10(v + halfWidth[i]) - Math.Log10(v)).ToArray();
        double[] down = y.Select((v, i) => Math.Log10(v) - Math.Log10(Math.Max(v - halfWidth[i], v * 0.05))).ToArray();
        var err = new ScottPlot.Plottables.ErrorBar(x, ly, null, null, up, down) { Color = color, LineWidth = 1.2f, CapSize = 4 };
        plot.Add.Plottable(err);
        var s = plot.Add.Scatter(x, ly, color);
        s.LineWidth = shape == MarkerShape.FilledCircle ? 1.5f : 0;
        s.MarkerShape = shape;
        s.MarkerSize = 9;
        s.LegendText = label;
    }
}
