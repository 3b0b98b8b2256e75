using Faas.Engine;
using Faas.Platform;
using Faas.Workloads.Arrivals;
using Faas.Workloads.Traces;

namespace Faas.Backends.Sim;

/// <summary>
/// <see cref="IFutureArrivals"/> over a second copy of the run's arrival stream (same seed, so the
/// same calls), read ahead up to <c>now + horizon</c> into one queue of arrival times per
/// function. When the stream records each call's execution time (<see cref="ITracedCallStream"/>),
/// it is kept with the arrival (<see cref="TryPeekExec"/>). Memory: the calls within one horizon.
/// </summary>
public sealed class ArrivalLookahead : IFutureArrivals
{
    private readonly IArrivalStream _stream;
    private readonly ITracedCallStream? _traced;
    private readonly long _horizon;
    private long[][] _queue = [];
    private long[][] _exec = []; // parallel to _queue when the stream is traced
    private int[] _head = [];
    private int[] _count = [];
    private bool _pending, _done;
    private SimTime _pendingTime;
    private int _pendingFunction;
    private long _pendingExec;

    public ArrivalLookahead(IArrivalStream stream, SimDuration horizon)
    {
        _stream = stream;
        _traced = stream as ITracedCallStream;
        _horizon = horizon.Micros;
    }

    /// <summary>Calls read ahead and not yet consumed.</summary>
    public long Buffered { get; private set; }

    public SimTime Peek(SimTime now, int function, int k)
    {
        Advance(now);
        if (function >= _count.Length || k >= _count[function]) return SimTime.MaxValue;
        var q = _queue[function];
        return new SimTime(q[(_head[function] + k) % q.Length]);
    }

    public bool TryPeekExec(SimTime now, int function, int k, out SimDuration exec)
    {
        exec = SimDuration.Zero;
        Advance(now);
        if (_traced is null || function >= _count.Length || k >= _count[function]) return false;
        var q = _exec[function];
        exec = new SimDuration(q[(_head[function] + k) % q.Length]);
        return true;
    }

    public void Consume(SimTime now, int function)
    {
        Advance(now);
        if (function >= _count.Length || _count[function] == 0 || _queue[function][_head[function]] != now.Micros)
            throw new InvalidOperationException($"the oracle's future is out of step with the run: no call of function {function} at {now}");
        _head[function] = (_head[function] + 1) % _queue[function].Length;
        _count[function]--;
        Buffered--;
    }

    private void Advance(SimTime now)
    {
        long limit = _horizon >= SimDuration.Infinite.Micros || now.Micros > long.MaxValue - _horizon ? long.MaxValue : now.Micros + _horizon;
        while (!_done)
        {
            if (!_pending)
            {
                if (!_stream.TryNext(out _pendingTime, out _pendingFunction))
                {
                    _done = true;
                    break;
                }
                _pendingExec = _traced?.Exec.Micros ?? 0;
                _pending = true;
            }
            if (_pendingTime.Micros > limit) break;
            Enqueue(_pendingFunction, _pendingTime.Micros, _pendingExec);
            _pending = false;
        }
    }

    private void Enqueue(int f, long t, long exec)
    {
        if (f >= _count.Length)
        {
            int n = Math.Max(f + 1, Math.Max(16, _count.Length * 2));
            int old = _count.Length;
            Array.Resize(ref _queue, n);
            Array.Resize(ref _head, n);
            Array.Resize(ref _count, n);
            Array.Resize(ref _exec, n);
            for (int i = old; i < n; i++)
            {
                _queue[i] = new long[4];
                _exec[i] = _traced is null ? [] : new long[4];
            }
        }
        var q = _queue[f];
        if (_count[f] == q.Length)
        {
            var bigger = new long[q.Length * 2];
            for (int i = 0; i < _count[f]; i++) bigger[i] = q[(_head[f] + i) % q.Length];
            if (_traced is not null)
            {
                var e = _exec[f];
                var biggerExec = new long[q.Length * 2];
                for (int i = 0; i < _count[f]; i++) biggerExec[i] = e[(_head[f] + i) % q.Length];
                _exec[f] = biggerExec;
            }
            _queue[f] = q = bigger;
            _head[f] = 0;
        }
        q[(_head[f] + _count[f]) % q.Length] = t;
        if (_traced is not null) _exec[f][(_head[f] + _count[f]) % q.Length] = exec;
        _count[f]++;
        Buffered++;
    }
}
