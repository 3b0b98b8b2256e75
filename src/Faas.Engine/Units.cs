using System.Globalization;
using System.Text.RegularExpressions;

namespace Faas.Engine;

/// <summary>Parses the quantities a scenario writes with units: durations (<c>us ms s m h</c>, also <c>d</c>) and memory (<c>KiB MiB GiB MB GB</c>).</summary>
public static partial class Units
{
    [GeneratedRegex(@"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z]+)\s*$")]
    private static partial Regex Quantity();

    /// <summary>Parses a duration such as <c>900ms</c>, <c>1.5s</c>, <c>10m</c>, <c>6h</c>; returns null and a reason when it is not one.</summary>
    public static SimDuration? TryParseDuration(string text, out string? error)
    {
        error = null;
        if (text.Trim() is "inf" or "infinite" or "forever") return SimDuration.Infinite;
        var m = Quantity().Match(text);
        if (!m.Success)
        {
            error = $"expected a duration with a unit (us, ms, s, m, h, d), e.g. 500ms or 10m, got '{text}'";
            return null;
        }
        double v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        double factor = m.Groups[2].Value switch
        {
            "us" => 1,
            "ms" => 1e3,
            "s" => 1e6,
            "m" or "min" => 60e6,
            "h" => 3600e6,
            "d" => 86400e6,
            _ => double.NaN,
        };
        if (double.IsNaN(factor))
        {
            error = $"unknown duration unit '{m.Groups[2].Value}' in '{text}' (use us, ms, s, m, h or d)";
            return null;
        }
        if (v < 0)
        {
            error = $"a duration cannot be negative, got '{text}'";
            return null;
        }
        double us = v * factor;
        if (us > SimDuration.Infinite.Micros)
        {
            error = $"duration '{text}' is too long";
            return null;
        }
        return new SimDuration((long)Math.Round(us));
    }

    /// <summary>Parses a memory size such as <c>128MiB</c> or <c>8GiB</c> into bytes; MB and GB are decimal (10^6, 10^9).</summary>
    public static long? TryParseMemory(string text, out string? error)
    {
        error = null;
        var m = Quantity().Match(text);
        if (!m.Success)
        {
            error = $"expected a memory size with a unit (KiB, MiB, GiB, MB, GB), e.g. 128MiB, got '{text}'";
            return null;
        }
        double v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        double factor = m.Groups[2].Value switch
        {
            "KiB" => 1024,
            "MiB" => 1024 * 1024,
            "GiB" => 1024.0 * 1024 * 1024,
            "TiB" => 1024.0 * 1024 * 1024 * 1024,
            "KB" or "kB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            _ => double.NaN,
        };
        if (double.IsNaN(factor))
        {
            error = $"unknown memory unit '{m.Groups[2].Value}' in '{text}' (use KiB, MiB, GiB, MB or GB)";
            return null;
        }
        if (v <= 0)
        {
            error = $"a memory size must be positive, got '{text}'";
            return null;
        }
        return (long)Math.Round(v * factor);
    }

    /// <summary>Formats bytes as the largest binary unit that keeps a short number.</summary>
    public static string FormatMemory(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30}GiB" :
        bytes % (1L << 20) == 0 ? $"{bytes >> 20}MiB" :
        (bytes / 1048576.0).ToString("0.###", CultureInfo.InvariantCulture) + "MiB";
}
