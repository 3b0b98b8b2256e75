using System.Globalization;
using ScottPlot.TickGenerators;

namespace Faas.Plotting;

/// <summary>Tick helpers for axes ScottPlot 5 has no built-in type for (log scale, categories).</summary>
internal static class AxisTicks
{
    /// <summary>
    /// Ticks for an axis whose coordinates are log10 of the values, spanning
    /// [<paramref name="log10Min"/>, <paramref name="log10Max"/>]: labelled majors at each decade
    /// (and at 2× and 5× when the span is under three decades, so short spans still get
    /// labels), unlabelled minors at 2..9×.
    /// </summary>
    public static NumericManual Log10(double log10Min, double log10Max)
    {
        var ticks = new NumericManual();
        int lo = (int)Math.Floor(log10Min);
        int hi = (int)Math.Ceiling(log10Max);
        bool dense = hi - lo < 3;
        for (int d = lo; d <= hi; d++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double value = m * Math.Pow(10, d);
                double pos = Math.Log10(value);
                if (pos < log10Min - 1e-9 || pos > log10Max + 1e-9)
                {
                    continue;
                }

                if (m == 1 || (dense && (m == 2 || m == 5)))
                {
                    ticks.AddMajor(pos, FormatNumber(value));
                }
                else
                {
                    ticks.AddMinor(pos);
                }
            }
        }

        return ticks;
    }

    /// <summary>Labelled ticks at positions 0..n-1.</summary>
    public static NumericManual Categories(IReadOnlyList<string> labels, IReadOnlyList<double>? positions = null)
    {
        var ticks = new NumericManual();
        for (int i = 0; i < labels.Count; i++)
        {
            ticks.AddMajor(positions?[i] ?? i, labels[i]);
        }

        return ticks;
    }

    /// <summary>Compact InvariantCulture rendering: 0.001, 0.5, 12, 1000, 25000, 1e+06.</summary>
    public static string FormatNumber(double v)
    {
        double a = Math.Abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3))
        {
            return v.ToString("0.#e+0", CultureInfo.InvariantCulture);
        }

        return v.ToString(a >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);
    }
}
