using Faas.Engine;
using Faas.Platform.Models;
using Faas.Workloads;
using Faas.Workloads.Arrivals;

namespace Faas.Scenarios;

/// <summary>Builds an <see cref="ArrivalProcess"/> from its scenario form, e.g. <c>{process: poisson, mean_interval: 15m}</c>.</summary>
public static class ArrivalParser
{
    public static readonly string[] Names = ["poisson", "periodic", "on-off", "diurnal"];

    public static ArrivalProcess Parse(OptionBag bag, string what)
    {
        if (!bag.TryGet("process", out var kind))
            throw new ScenarioException(bag.Location, $"{what}: missing 'process' (one of {string.Join(", ", Names)})");
        switch (kind.Raw)
        {
            case "poisson":
                bag.RejectUnknown($"{what} (poisson)", "process", "mean_interval", "rate");
                return new PoissonArrivals(Interval(bag, what));
            case "periodic":
            {
                bag.RejectUnknown($"{what} (periodic)", "process", "period", "jitter", "offset");
                var period = Positive(bag, "period", what);
                var jitter = bag.Duration("jitter", SimDuration.Zero);
                SimDuration? offset = bag.Has("offset") ? bag.Duration("offset", SimDuration.Zero) : null;
                return new PeriodicArrivals(period, jitter, offset);
            }
            case "on-off":
                bag.RejectUnknown($"{what} (on-off)", "process", "on", "off", "mean_interval", "rate");
                return new OnOffArrivals(Positive(bag, "on", what), Positive(bag, "off", what), Interval(bag, what));
            case "diurnal":
                bag.RejectUnknown($"{what} (diurnal)", "process", "mean_interval", "rate", "amplitude", "peak");
                return new DiurnalArrivals(Interval(bag, what), bag.Double("amplitude", 0.5, 0, 1), bag.Duration("peak", SimDuration.FromHours(14)));
            default:
                throw new ScenarioException(kind.Location, $"{what}: unknown arrival process '{kind.Raw}'; expected one of {string.Join(", ", Names)}");
        }
    }

    /// <summary>The mean gap, from <c>mean_interval</c> (a duration) or <c>rate</c> (calls per second).</summary>
    private static SimDuration Interval(OptionBag bag, string what)
    {
        if (bag.Has("rate"))
        {
            if (bag.Has("mean_interval")) throw new ScenarioException(bag.Location, $"{what}: give either mean_interval or rate, not both");
            double rate = bag.Double("rate", 1, min: 1e-12);
            return SimDuration.FromSeconds(1.0 / rate);
        }
        return Positive(bag, "mean_interval", what);
    }

    private static SimDuration Positive(OptionBag bag, string key, string what)
    {
        if (!bag.Has(key)) throw new ScenarioException(bag.Location, $"{what}: missing '{key}'");
        var d = bag.Duration(key, SimDuration.Zero);
        bag.TryGet(key, out var e);
        if (d.Micros <= 0) throw new ScenarioException(e.Location, $"{what}: '{key}' must be greater than zero");
        if (d.IsInfinite) throw new ScenarioException(e.Location, $"{what}: '{key}' must be finite");
        return d;
    }
}
