using Faas.Engine;

namespace Faas.Workloads.Arrivals;

/// <summary>Poisson process: exponential gaps with the given mean.</summary>
public sealed class PoissonArrivals(SimDuration meanInterval) : ArrivalProcess
{
    public SimDuration MeanInterval { get; } = meanInterval;
    public override double MeanRatePerSecond => 1.0 / MeanInterval.Seconds;
    public override string Describe() => $"poisson(mean_interval={MeanInterval})";

    public override IArrivalStream CreateStream(Random rng, int function, SimTime end) => new Stream(this, rng, function, end);

    private sealed class Stream(PoissonArrivals p, Random rng, int function, SimTime end) : IArrivalStream
    {
        private double _t; // seconds, kept in double so that rounding does not accumulate

        public bool TryNext(out SimTime time, out int fn)
        {
            _t += -Math.Log(1.0 - rng.NextDouble()) * p.MeanInterval.Seconds;
            time = SimTime.FromSeconds(_t);
            fn = function;
            return time < end;
        }
    }
}
