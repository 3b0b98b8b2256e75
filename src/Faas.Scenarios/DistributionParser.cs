using System.Globalization;
using Faas.Engine;
using Faas.Platform.Models;
using Faas.Workloads;
using Faas.Workloads.Distributions;

namespace Faas.Scenarios;

/// <summary>Builds a <see cref="DurationDistribution"/> from its scenario form, e.g. <c>{dist: lognormal, median: 900ms, p99: 1.6s}</c>.</summary>
public static class DistributionParser
{
    /// <summary>The distribution names a scenario may use.</summary>
    public static readonly string[] Names = ["constant", "uniform", "exponential", "normal", "lognormal", "gamma", "empirical"];

    /// <summary>Parses <paramref name="bag"/> (whose <c>dist</c> key names the family); <paramref name="what"/> names the field in errors.</summary>
    public static DurationDistribution Parse(OptionBag bag, string what)
    {
        if (!bag.TryGet("dist", out var kind))
            throw new ScenarioException(bag.Location, $"{what}: missing 'dist' (one of {string.Join(", ", Names)})");
        double Sec(string key) => Required(bag, key, what).Seconds;
        switch (kind.Raw)
        {
            case "constant":
                bag.RejectUnknown($"{what} (constant)", "dist", "value");
                return new ConstantDistribution(Required(bag, "value", what));
            case "uniform":
            {
                bag.RejectUnknown($"{what} (uniform)", "dist", "min", "max");
                double lo = Sec("min"), hi = Sec("max");
                if (hi < lo) throw new ScenarioException(bag.TryGet("max", out var e) ? e.Location : bag.Location, $"{what}: uniform max must be >= min");
                return new UniformDistribution(lo, hi);
            }
            case "exponential":
            {
                bag.RejectUnknown($"{what} (exponential)", "dist", "mean");
                double mean = Sec("mean");
                if (mean <= 0) throw new ScenarioException(bag.Location, $"{what}: exponential mean must be > 0");
                return new ExponentialDistribution(mean);
            }
            case "normal":
                bag.RejectUnknown($"{what} (normal)", "dist", "mean", "stddev");
                return new TruncatedNormalDistribution(Sec("mean"), Sec("stddev"));
            case "lognormal":
            {
                bag.RejectUnknown($"{what} (lognormal)", "dist", "median", "p99", "mu", "sigma");
                if (bag.Has("median") || bag.Has("p99"))
                {
                    if (bag.Has("mu") || bag.Has("sigma")) throw new ScenarioException(bag.Location, $"{what}: give lognormal either median and p99, or mu and sigma, not both");
                    double med = Sec("median"), p99 = Sec("p99");
                    if (med <= 0) throw new ScenarioException(bag.Location, $"{what}: lognormal median must be > 0");
                    if (p99 < med) throw new ScenarioException(bag.TryGet("p99", out var e) ? e.Location : bag.Location, $"{what}: lognormal p99 must be >= median");
                    return LogNormalDistribution.FromMedianP99(med, p99);
                }
                if (!bag.Has("mu") || !bag.Has("sigma")) throw new ScenarioException(bag.Location, $"{what}: lognormal needs median and p99 (durations) or mu and sigma (of ln seconds)");
                return new LogNormalDistribution(bag.Double("mu", 0), bag.Double("sigma", 0, min: 0));
            }
            case "gamma":
            {
                bag.RejectUnknown($"{what} (gamma)", "dist", "shape", "scale", "mean", "cv");
                if (bag.Has("mean"))
                {
                    double mean = Sec("mean");
                    double cv = bag.Double("cv", 1, min: 1e-6);
                    if (mean <= 0) throw new ScenarioException(bag.Location, $"{what}: gamma mean must be > 0");
                    double k = 1 / (cv * cv);
                    return new GammaDistribution(k, mean / k);
                }
                if (!bag.Has("shape") || !bag.Has("scale")) throw new ScenarioException(bag.Location, $"{what}: gamma needs mean (and cv) or shape and scale");
                double scale = Sec("scale");
                if (scale <= 0) throw new ScenarioException(bag.Location, $"{what}: gamma scale must be > 0");
                return new GammaDistribution(bag.Double("shape", 1, min: 1e-6), scale);
            }
            case "empirical":
            {
                var points = new List<(double, double)>();
                foreach (string key in bag.Keys)
                {
                    if (key == "dist") continue;
                    bag.TryGet(key, out var e);
                    if (key.Length < 2 || key[0] != 'p' || !double.TryParse(key.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out double pct) || pct < 0 || pct > 100)
                        throw new ScenarioException(e.Location, $"{what}: empirical keys are percentiles p0..p100 (e.g. p50: 30ms), got '{key}'");
                    points.Add((pct, Required(bag, key, what).Seconds));
                }
                if (points.Count == 0) throw new ScenarioException(bag.Location, $"{what}: empirical needs percentiles, e.g. {{dist: empirical, p0: 1ms, p50: 30ms, p100: 2s}}");
                points.Sort((a, b) => a.Item1.CompareTo(b.Item1));
                for (int i = 1; i < points.Count; i++)
                    if (points[i].Item2 < points[i - 1].Item2)
                        throw new ScenarioException(bag.Location, $"{what}: empirical values must not decrease as the percentile grows (p{points[i].Item1} < p{points[i - 1].Item1})");
                return new EmpiricalDistribution(points);
            }
            default:
                throw new ScenarioException(kind.Location, $"{what}: unknown distribution '{kind.Raw}'; expected one of {string.Join(", ", Names)}");
        }
    }

    private static Faas.Engine.SimDuration Required(OptionBag bag, string key, string what)
    {
        if (!bag.TryGet(key, out var e)) throw new ScenarioException(bag.Location, $"{what}: missing '{key}'");
        var d = Units.TryParseDuration(e.Raw, out var err);
        if (d is null) throw new ScenarioException(e.Location, $"{what}: '{key}': {err}");
        if (d.Value.IsInfinite) throw new ScenarioException(e.Location, $"{what}: '{key}' must be finite");
        return d.Value;
    }
}
