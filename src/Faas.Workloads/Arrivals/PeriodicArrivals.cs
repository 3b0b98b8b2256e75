using Faas.Engine;

namespace Faas.Workloads.Arrivals;

/// <summary>
/// One call every <c>period</c>, the k-th at offset + k·period + U(−jitter, +jitter) (kept in
/// order). The offset is drawn uniformly in [0, period) unless given, so that functions with the
/// same period do not all fire together.
/// </summary>
public sealed class PeriodicArrivals(SimDuration period, SimDuration jitter, SimDuration? offset) : ArrivalProcess
{
    public SimDuration Period { get; } = period;
    public SimDuration Jitter { get; } = jitter;
    public SimDuration? Offset { get; } = offset;
    public override double MeanRatePerSecond => 1.0 / Period.Seconds;
    public override string Describe() => $"periodic(period={Period}, jitter={Jitter}{(Offset is { } o ? $", offset={o}" : "")})";

    public override IArrivalStream CreateStream(Random rng, int function, SimTime end) => new Stream(this, rng, function, end);

    private sealed class Stream : IArrivalStream
    {
        private readonly PeriodicArrivals _p;
        private readonly Random _rng;
        private readonly int _function;
        private readonly SimTime _end;
        private readonly long _offset;
        private long _k;
        private long _last;

        public Stream(PeriodicArrivals p, Random rng, int function, SimTime end)
        {
            _p = p;
            _rng = rng;
            _function = function;
            _end = end;
            _offset = p.Offset?.Micros ?? (long)(rng.NextDouble() * p.Period.Micros);
        }

        public bool TryNext(out SimTime time, out int fn)
        {
            long t = _offset + _k++ * _p.Period.Micros;
            if (_p.Jitter.Micros > 0) t += (long)((_rng.NextDouble() * 2 - 1) * _p.Jitter.Micros);
            t = Math.Max(Math.Max(t, 0), _last);
            _last = t;
            time = new SimTime(t);
            fn = _function;
            return time < _end;
        }
    }
}
