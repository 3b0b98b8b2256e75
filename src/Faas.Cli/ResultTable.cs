using System.Globalization;
using Faas.Platform.Results;

namespace Faas.Cli;

/// <summary>A one-screen table of run summaries, averaged over replications per model.</summary>
public static class ResultTable
{
    public static void Write(TextWriter w, IReadOnlyList<RunSummary> runs)
    {
        var rows = runs.GroupBy(r => r.Model).Select(g => new[]
        {
            g.Key,
            g.Count().ToString(CultureInfo.InvariantCulture),
            F(g.Average(r => (double)r.Invocations), "0"),
            P(g.Average(r => r.ColdFraction)),
            P(g.Average(r => r.PrewarmFraction)),
            P(g.Average(r => r.WarmFraction)),
            F(g.Average(r => r.P50Ms), "0.0"),
            F(g.Average(r => r.P99Ms), "0.0"),
            F(g.Average(r => r.MeanMs), "0.0"),
            F(g.Average(r => r.IdleMemGbS), "0.0"),
            F(g.Average(r => (double)r.ContainersCreated), "0"),
        }).ToList();
        string[] head = ["model", "reps", "calls", "cold", "prewarm", "warm", "p50 ms", "p99 ms", "mean ms", "idle GB·s", "containers"];
        var widths = head.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
        w.WriteLine(Line(head));
        w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var r in rows) w.WriteLine(Line(r));
    }

    private static string F(double v, string fmt) => double.IsNaN(v) ? "-" : v.ToString(fmt, CultureInfo.InvariantCulture);
    private static string P(double v) => double.IsNaN(v) ? "-" : (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
