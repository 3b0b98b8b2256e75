using Faas.Engine;

namespace Faas.Workloads.Distributions;

/// <summary>
/// A distribution of durations (execution, cold start, code injection...). Sampling draws from
/// the caller's generator only, never allocates, and never returns a negative duration.
/// </summary>
public abstract class DurationDistribution
{
    /// <summary>Draws one duration using <paramref name="rng"/>.</summary>
    public abstract SimDuration Sample(Random rng);

    /// <summary>The mean in seconds (analytical where known), used by estimators and reports.</summary>
    public abstract double MeanSeconds { get; }

    /// <summary>A short description with parameters, e.g. <c>exponential(mean=200ms)</c>.</summary>
    public abstract string Describe();

    public override string ToString() => Describe();

    /// <summary>Converts seconds to a duration, clamping negatives to zero.</summary>
    protected static SimDuration FromSeconds(double s) =>
        s <= 0 || double.IsNaN(s) ? SimDuration.Zero :
        s >= SimDuration.Infinite.Seconds ? SimDuration.Infinite : new SimDuration((long)Math.Round(s * 1e6));

    /// <summary>Formats seconds with a unit for descriptions.</summary>
    protected static string Fmt(double seconds) => SimDuration.FromSeconds(seconds).ToString();
}
