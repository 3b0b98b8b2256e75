using Faas.Engine;

namespace Faas.Workloads.Arrivals;

/// <summary>
/// Bursty on-off load (a two-state Markov-modulated Poisson process): ON periods with mean
/// length <c>on</c> alternate with silent OFF periods of mean length <c>off</c> (both exponential);
/// during ON, calls are Poisson with mean gap <c>mean_interval</c>. The process starts in ON.
/// </summary>
public sealed class OnOffArrivals(SimDuration meanOn, SimDuration meanOff, SimDuration meanInterval) : ArrivalProcess
{
    public SimDuration MeanOn { get; } = meanOn;
    public SimDuration MeanOff { get; } = meanOff;
    public SimDuration MeanInterval { get; } = meanInterval;
    public override double MeanRatePerSecond => MeanOn.Seconds / (MeanOn.Seconds + MeanOff.Seconds) / MeanInterval.Seconds;
    public override string Describe() => $"on-off(on={MeanOn}, off={MeanOff}, mean_interval={MeanInterval})";

    public override IArrivalStream CreateStream(Random rng, int function, SimTime end) => new Stream(this, rng, function, end);

    private sealed class Stream : IArrivalStream
    {
        private readonly OnOffArrivals _p;
        private readonly Random _rng;
        private readonly int _function;
        private readonly SimTime _end;
        private double _t;
        private double _onEnds;

        public Stream(OnOffArrivals p, Random rng, int function, SimTime end)
        {
            _p = p;
            _rng = rng;
            _function = function;
            _end = end;
            _onEnds = Exp(p.MeanOn.Seconds);
        }

        private double Exp(double mean) => -Math.Log(1.0 - _rng.NextDouble()) * mean;

        public bool TryNext(out SimTime time, out int fn)
        {
            fn = _function;
            while (true)
            {
                double next = _t + Exp(_p.MeanInterval.Seconds);
                if (next < _onEnds)
                {
                    _t = next;
                    break;
                }
                // memorylessness: restart the gap at the start of the next ON period
                double onStart = _onEnds + Exp(_p.MeanOff.Seconds);
                _t = onStart;
                _onEnds = onStart + Exp(_p.MeanOn.Seconds);
                if (_t >= _end.Seconds) break;
            }
            time = SimTime.FromSeconds(_t);
            return time < _end;
        }
    }
}
