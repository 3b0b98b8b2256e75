using Faas.Results;

namespace Faas.Plotting;

/// <summary>
/// <c>validate-real</c>'s chart: the latency CDFs of the simulation and of the real runs overlaid,
/// per start type (a <see cref="LatencyCdfChart"/> with one "(sim)" and one "(real)" line per model).
/// Reads only the folder's CSVs: the simulation's <c>sim/invocations.csv</c> (every simulated
/// replication pooled) and each real run's <c>dispatch.csv</c> and <c>dispatch_summary.csv</c> (<c>real/</c>, or <c>real/repI/</c>
/// with several real replications, pooled), whose <c>total_ms</c> is the measured latency.
/// </summary>
public static class SimVsRealChart
{
    /// <summary>Most points a real curve keeps.</summary>
    public const int MaxPoints = 2000;

    /// <summary>
    /// Draws <c>latency-cdf.png</c> and <c>.svg</c> into <paramref name="outDir"/> (the folder
    /// <c>validate-real</c> wrote) and returns their paths.
    /// </summary>
    /// <param name="realReplications">How many real runs there are (1: <c>real/</c>, else <c>real/rep0</c>..).</param>
    public static IReadOnlyList<string> Save(string outDir, string scenario, int realReplications)
    {
        var sim = InvocationsCsv.ReadLatencyCurves(Path.Combine(outDir, "sim", InvocationsCsv.FileName));
        var real = Enumerable.Range(0, realReplications)
            .SelectMany(i => DispatchCsv.ReadCompleted(Path.Combine(outDir, "real", realReplications == 1 ? "" : $"rep{i}", DispatchCsv.FileName)))
            .ToList();
        var models = DispatchCsv.ReadModels(Path.Combine(outDir, "real", realReplications == 1 ? "" : "rep0", DispatchCsv.SummaryFileName));
        var curves = sim.Select(c => c with { Model = c.Model + " (sim)" }).ToList();
        foreach (string model in models)
        {
            var calls = real.Where(c => c.Model == model).ToList();
            curves.Add(Curve(scenario, model + " (real)", StartTypes.All, calls.Select(c => c.TotalMs)));
            foreach (var st in StartTypes.Ordered)
                curves.Add(Curve(scenario, model + " (real)", st, calls.Where(c => c.StartType == st).Select(c => c.TotalMs)));
        }
        var labels = models.SelectMany(m => new[] { m + " (sim)", m + " (real)" }).ToList();
        return LatencyCdfChart.Build(scenario + ": sim vs real", curves, new ModelPalette(labels)).Save(Path.Combine(outDir, ResultFiles.SimVsRealChart));
    }

    /// <summary>The empirical CDF of <paramref name="values"/>, every k-th point (at most about <see cref="MaxPoints"/>) and the maximum.</summary>
    private static LatencyCurve Curve(string scenario, string model, string start, IEnumerable<double> values)
    {
        var v = values.Select(x => Math.Max(x, InvocationsCsv.MinPlottableLatencyMs)).OrderBy(x => x).ToArray();
        var xs = new List<double>();
        var ys = new List<double>();
        int step = Math.Max(1, v.Length / MaxPoints);
        for (int i = 0; i < v.Length; i += step)
        {
            xs.Add(v[i]);
            ys.Add((i + 1) / (double)v.Length);
        }
        if (v.Length > 0 && xs[^1] != v[^1]) { xs.Add(v[^1]); ys.Add(1); }
        else if (v.Length > 0) ys[^1] = 1;
        return new LatencyCurve(scenario, model, start, v.Length, xs, ys);
    }
}
