using System.Globalization;

namespace Faas.Engine;

/// <summary>
/// An instant of simulated (or measured) time: a whole number of microseconds since the start
/// of a run. Time is an integer so that event ordering is exact and runs are reproducible.
/// </summary>
public readonly record struct SimTime(long Micros) : IComparable<SimTime>
{
    /// <summary>The start of every run.</summary>
    public static readonly SimTime Zero = new(0);

    /// <summary>An instant later than any event of a run (used for "never").</summary>
    public static readonly SimTime MaxValue = new(long.MaxValue);

    /// <summary>This instant in seconds (for reporting only; never feed it back into the engine).</summary>
    public double Seconds => Micros / 1e6;

    /// <summary>Builds an instant from seconds, rounded to the nearest microsecond.</summary>
    public static SimTime FromSeconds(double seconds) => new((long)Math.Round(seconds * 1e6));

    public int CompareTo(SimTime other) => Micros.CompareTo(other.Micros);

    public static SimTime operator +(SimTime t, SimDuration d) => new(t.Micros + d.Micros);
    public static SimTime operator -(SimTime t, SimDuration d) => new(t.Micros - d.Micros);
    public static SimDuration operator -(SimTime a, SimTime b) => new(a.Micros - b.Micros);
    public static bool operator <(SimTime a, SimTime b) => a.Micros < b.Micros;
    public static bool operator >(SimTime a, SimTime b) => a.Micros > b.Micros;
    public static bool operator <=(SimTime a, SimTime b) => a.Micros <= b.Micros;
    public static bool operator >=(SimTime a, SimTime b) => a.Micros >= b.Micros;

    public override string ToString() => (Micros / 1e6).ToString("0.000000", CultureInfo.InvariantCulture) + "s";
}
