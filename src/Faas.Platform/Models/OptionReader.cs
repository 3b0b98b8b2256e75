using System.Globalization;
using Faas.Engine;

namespace Faas.Platform.Models;

/// <summary>
/// The typed getters of model, distribution, arrival and trace options (the one place an option's
/// text becomes a duration, number, choice or flag): each returns the fallback when the key is
/// absent and throws the source's located error, phrased <c>option 'key': ...</c>, when the text is
/// not a value of its kind or lies outside its range.
/// </summary>
public static class OptionReader
{
    public static bool Has(this IOptionSource o, string key) => o.TryGetText(key, out _);

    /// <summary>Fails on the first key (in ordinal order) not in <paramref name="known"/>, naming it and listing the allowed keys.</summary>
    /// <param name="what">What the options belong to, e.g. <c>model keep-alive</c>.</param>
    public static void RejectUnknown(this IOptionSource o, string what, params string[] known)
    {
        foreach (var key in o.Keys)
        {
            if (Array.IndexOf(known, key) >= 0) continue;
            string allowed = known.Length == 0 ? "it takes no options" : "expected one of: " + string.Join(", ", known);
            throw o.Error(key, $"unknown option '{key}' for {what}; {allowed}");
        }
    }

    public static SimDuration Duration(this IOptionSource o, string key, SimDuration fallback)
    {
        if (!o.TryGetText(key, out var raw)) return fallback;
        var d = Units.TryParseDuration(raw, out var err);
        return d ?? throw o.Error(key, $"option '{key}': {err}");
    }

    /// <summary>A duration that must be greater than zero and, unless <paramref name="allowInfinite"/>, finite.</summary>
    public static SimDuration PositiveDuration(this IOptionSource o, string key, SimDuration fallback, bool allowInfinite = false)
    {
        var d = o.Duration(key, fallback);
        if (d.Micros <= 0 || (d.IsInfinite && !allowInfinite))
            throw o.Error(key, $"option '{key}': must be a {(allowInfinite ? "" : "finite ")}duration greater than zero");
        return d;
    }

    public static double Double(this IOptionSource o, string key, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (!o.TryGetText(key, out var raw)) return fallback;
        if (!TryParseFinite(raw, out double v))
            throw o.Error(key, $"option '{key}': expected a number, got '{raw}'");
        if (v < min || v > max)
            throw o.Error(key, $"option '{key}': expected a value in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}], got {raw}");
        return v;
    }

    public static int Int(this IOptionSource o, string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!o.TryGetText(key, out var raw)) return fallback;
        if (!TryParseInt(raw, out int v))
            throw o.Error(key, $"option '{key}': expected a whole number, got '{raw}'");
        if (v < min || v > max)
            throw o.Error(key, $"option '{key}': expected a whole number in [{min}, {max}], got {v}");
        return v;
    }

    public static long Memory(this IOptionSource o, string key, long fallback)
    {
        if (!o.TryGetText(key, out var raw)) return fallback;
        var m = Units.TryParseMemory(raw, out var err);
        return m ?? throw o.Error(key, $"option '{key}': {err}");
    }

    public static string Choice(this IOptionSource o, string key, string fallback, params string[] allowed)
    {
        if (!o.TryGetText(key, out var raw)) return fallback;
        if (Array.IndexOf(allowed, raw) < 0)
            throw o.Error(key, $"option '{key}': expected one of {string.Join(", ", allowed)}, got '{raw}'");
        return raw;
    }

    public static bool Bool(this IOptionSource o, string key, bool fallback)
    {
        if (!o.TryGetText(key, out var raw)) return fallback;
        return TryParseBool(raw, out bool v) ? v : throw o.Error(key, $"option '{key}': expected true or false, got '{raw}'");
    }

    /// <summary>A whole number as options and scenario keys write it (invariant culture, optional sign).</summary>
    public static bool TryParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>A finite number as options write it (invariant culture, decimal or exponent form).</summary>
    public static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A flag: <c>true</c>/<c>yes</c>/<c>on</c> or <c>false</c>/<c>no</c>/<c>off</c>.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
