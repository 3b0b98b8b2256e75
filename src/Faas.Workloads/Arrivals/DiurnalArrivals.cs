using Faas.Engine;

namespace Faas.Workloads.Arrivals;

/// <summary>
/// A Poisson process whose rate follows the day: λ(t) = λ̄ · (1 + amplitude · cos(2π (t − peak) / 24h)),
/// with λ̄ = 1 / mean_interval and 0 ≤ amplitude ≤ 1. Sampled by thinning (Lewis–Shedler) against
/// the peak rate λ̄(1 + amplitude).
/// </summary>
public sealed class DiurnalArrivals(SimDuration meanInterval, double amplitude, SimDuration peak) : ArrivalProcess
{
    private const double Day = 86400.0;
    public SimDuration MeanInterval { get; } = meanInterval;
    public double Amplitude { get; } = amplitude;
    public SimDuration Peak { get; } = peak;
    public override double MeanRatePerSecond => 1.0 / MeanInterval.Seconds;
    public override string Describe() => $"diurnal(mean_interval={MeanInterval}, amplitude={Amplitude}, peak={Peak})";

    /// <summary>The instantaneous rate (calls/s) at <paramref name="seconds"/>.</summary>
    public double RateAt(double seconds) =>
        MeanRatePerSecond * (1 + Amplitude * Math.Cos(2 * Math.PI * (seconds - Peak.Seconds) / Day));

    public override IArrivalStream CreateStream(Random rng, int function, SimTime end) => new Stream(this, rng, function, end);

    private sealed class Stream(DiurnalArrivals p, Random rng, int function, SimTime end) : IArrivalStream
    {
        private double _t;
        private readonly double _max = p.MeanRatePerSecond * (1 + p.Amplitude);

        public bool TryNext(out SimTime time, out int fn)
        {
            fn = function;
            do
            {
                _t += -Math.Log(1.0 - rng.NextDouble()) / _max;
                if (_t >= end.Seconds) break;
            }
            while (rng.NextDouble() * _max > p.RateAt(_t));
            time = SimTime.FromSeconds(_t);
            return time < end;
        }
    }
}
