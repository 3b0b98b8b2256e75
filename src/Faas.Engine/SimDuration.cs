using System.Globalization;

namespace Faas.Engine;

/// <summary>A length of time in whole microseconds (never negative once validated).</summary>
public readonly record struct SimDuration(long Micros) : IComparable<SimDuration>
{
    public static readonly SimDuration Zero = new(0);

    /// <summary>A duration longer than any run ("forever", e.g. an infinite keep-alive).</summary>
    public static readonly SimDuration Infinite = new(long.MaxValue / 4);

    public double Seconds => Micros / 1e6;
    public double Milliseconds => Micros / 1e3;
    public bool IsInfinite => Micros >= Infinite.Micros;

    public static SimDuration FromMicros(long us) => new(us);
    public static SimDuration FromMilliseconds(double ms) => new((long)Math.Round(ms * 1e3));
    public static SimDuration FromSeconds(double s) => new((long)Math.Round(s * 1e6));
    public static SimDuration FromMinutes(double m) => new((long)Math.Round(m * 60e6));
    public static SimDuration FromHours(double h) => new((long)Math.Round(h * 3600e6));

    public int CompareTo(SimDuration other) => Micros.CompareTo(other.Micros);

    public static SimDuration operator +(SimDuration a, SimDuration b) => new(a.Micros + b.Micros);
    public static SimDuration operator -(SimDuration a, SimDuration b) => new(a.Micros - b.Micros);
    public static SimDuration operator *(SimDuration a, long k) => new(a.Micros * k);
    public static bool operator <(SimDuration a, SimDuration b) => a.Micros < b.Micros;
    public static bool operator >(SimDuration a, SimDuration b) => a.Micros > b.Micros;
    public static bool operator <=(SimDuration a, SimDuration b) => a.Micros <= b.Micros;
    public static bool operator >=(SimDuration a, SimDuration b) => a.Micros >= b.Micros;

    /// <summary>Formats with the largest unit that keeps it a whole number (e.g. 10m, 1500ms).</summary>
    public override string ToString()
    {
        if (IsInfinite) return "inf";
        long us = Micros;
        if (us == 0) return "0s";
        if (us % 3_600_000_000 == 0) return (us / 3_600_000_000).ToString(CultureInfo.InvariantCulture) + "h";
        if (us % 60_000_000 == 0) return (us / 60_000_000).ToString(CultureInfo.InvariantCulture) + "m";
        if (us % 1_000_000 == 0) return (us / 1_000_000).ToString(CultureInfo.InvariantCulture) + "s";
        if (us % 1_000 == 0) return (us / 1_000).ToString(CultureInfo.InvariantCulture) + "ms";
        return us.ToString(CultureInfo.InvariantCulture) + "us";
    }
}
