using System.Globalization;
using Faas.Results;

namespace Faas.Reporting.Report;

/// <summary>How the report prints numbers: InvariantCulture, decimals chosen by magnitude, 95% CIs with the same decimals as their mean.</summary>
public static class Fmt
{
    /// <summary>Decimals for a value of this magnitude: 0 from 100, 1 from 10, 2 from 1, else 3.</summary>
    public static int Decimals(double v)
    {
        double a = Math.Abs(v);
        return a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    }

    public static string Num(double v, int decimals) =>
        double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "n/a";

    public static string Num(double v) => Num(v, Decimals(v));

    /// <summary>An estimate scaled by <paramref name="scale"/> with a unit: <c>745 ms (95% CI 731–760)</c>, or <c>745 ms (1 run, no CI)</c>.</summary>
    public static string Est(Estimate? e, string unit, double scale = 1)
    {
        if (e is not { } x || !double.IsFinite(x.Mean)) return "n/a";
        double m = x.Mean * scale;
        int d = Decimals(m);
        string u = unit.Length == 0 ? "" : unit == "%" ? "%" : " " + unit;
        if (!x.HasInterval) return $"{Num(m, d)}{u} ({x.N} run, no CI)";
        return $"{Num(m, d)}{u} (95% CI {Num(x.Low * scale, d)}–{Num(x.High * scale, d)})";
    }

    /// <summary>A percentage estimate of a fraction: <c>52.3% (95% CI 51.0–53.6)</c>; one decimal, two under 1%.</summary>
    public static string Pct(Estimate? e)
    {
        if (e is not { } x || !double.IsFinite(x.Mean)) return "n/a";
        double m = x.Mean * 100;
        int d = m < 1 && m > 0 ? 2 : 1;
        if (!x.HasInterval) return $"{Num(m, d)}% ({x.N} run, no CI)";
        return $"{Num(m, d)}% (95% CI {Num(x.Low * 100, d)}–{Num(x.High * 100, d)})";
    }

    /// <summary>Compact table cell: <c>745 ± 15</c> (± half the 95% CI), or the mean alone without an interval.</summary>
    public static string Cell(Estimate? e, double scale = 1, int? decimals = null)
    {
        if (e is not { } x || !double.IsFinite(x.Mean)) return "n/a";
        double m = x.Mean * scale;
        int d = decimals ?? Decimals(m);
        return x.HasInterval ? $"{Num(m, d)} ± {Num(x.HalfWidth * scale, d)}" : Num(m, d);
    }

    /// <summary>Percentage table cell: <c>52.3 ± 1.3</c>.</summary>
    public static string PctCell(Estimate? e)
    {
        if (e is not { } x || !double.IsFinite(x.Mean)) return "n/a";
        double m = x.Mean * 100;
        int d = m < 1 && m > 0 ? 2 : 1;
        return x.HasInterval ? $"{Num(m, d)} ± {Num(x.HalfWidth * 100, d)}" : Num(m, d);
    }

    /// <summary>A ratio like <c>4.8×</c>.</summary>
    public static string Ratio(double r) => double.IsFinite(r) ? Num(r, r >= 10 ? 0 : r >= 1.995 ? 1 : 2) + "×" : "n/a";

    /// <summary>A duration in seconds as a short text: <c>900 ms</c>, <c>15 min</c>, <c>6 h</c>.</summary>
    public static string Seconds(double s)
    {
        if (!double.IsFinite(s)) return "n/a";
        if (s < 1) return Num(s * 1000, 0) + " ms";
        if (s < 60) return Num(s, s < 10 ? 1 : 0) + " s";
        if (s < 3600) return Num(s / 60, s % 60 == 0 ? 0 : 1) + " min";
        return Num(s / 3600, s % 3600 == 0 ? 0 : 1) + " h";
    }
}
