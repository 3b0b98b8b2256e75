using Faas.Engine;
using Faas.Workloads.Arrivals;

namespace Faas.Workloads.Traces;

/// <summary>
/// Turns per-minute counts into a time-ordered stream of calls, one minute at a time: the calls of
/// the minute are placed (<see cref="MinuteSpread"/>), packed as (offset µs · 2^24 + function)
/// into one reused array and sorted. Memory is the busiest minute's calls, never the trace's; no
/// allocation per call once the buffer has grown to the busiest minute.
/// </summary>
public sealed class MinuteSpreadStream : IArrivalStream
{
    /// <summary>Microseconds per minute.</summary>
    public const long MinuteMicros = 60_000_000;

    /// <summary>Functions are packed in the low 24 bits of a key (offsets need 26 more bits).</summary>
    public const int MaxFunctions = 1 << 24;

    private readonly IMinuteCountSource _source;
    private readonly MinuteSpread _spread;
    private readonly Random _rng;
    private readonly int _firstFunction;
    private readonly long _end;
    private int[] _functions = new int[256];
    private int[] _counts = new int[256];
    private long[] _keys = new long[1024];
    private int _n, _next;
    private int _minute = -1;

    /// <param name="firstFunction">Index of the source's function 0 in the scenario (added to every function yielded).</param>
    /// <param name="rng">Draws uniform offsets (unused with <see cref="MinuteSpread.Even"/>).</param>
    public MinuteSpreadStream(IMinuteCountSource source, MinuteSpread spread, Random rng, int firstFunction, SimTime end)
    {
        _source = source;
        _spread = spread;
        _rng = rng;
        _firstFunction = firstFunction;
        _end = end.Micros;
    }

    public bool TryNext(out SimTime time, out int function)
    {
        while (_next == _n)
        {
            if (!LoadMinute())
            {
                time = SimTime.MaxValue;
                function = -1;
                return false;
            }
        }
        long key = _keys[_next++];
        time = new SimTime(_minute * MinuteMicros + (key >> 24));
        function = _firstFunction + (int)(key & (MaxFunctions - 1));
        if (time.Micros >= _end)
        {
            _n = _next = 0;
            _minute = _source.Minutes; // exhausted
            return false;
        }
        return true;
    }

    private bool LoadMinute()
    {
        _minute++;
        _n = _next = 0;
        if (_minute >= _source.Minutes || _minute * MinuteMicros >= _end) return false;
        int entries = _source.Read(_minute, ref _functions, ref _counts);
        long total = 0;
        for (int i = 0; i < entries; i++) total += _counts[i];
        if (total > Array.MaxLength) throw new InvalidOperationException($"minute {_minute} holds {total} calls, more than one buffer can hold");
        if (_keys.Length < total) _keys = new long[Math.Max((int)total, Math.Min(Array.MaxLength, _keys.Length * 2))];
        for (int i = 0; i < entries; i++)
        {
            long f = _functions[i];
            int c = _counts[i];
            if (_spread == MinuteSpread.Even)
            {
                for (int k = 0; k < c; k++) _keys[_n++] = (k * MinuteMicros / c) << 24 | f;
            }
            else
            {
                for (int k = 0; k < c; k++) _keys[_n++] = (long)(_rng.NextDouble() * MinuteMicros) << 24 | f;
            }
        }
        Array.Sort(_keys, 0, _n);
        return true;
    }
}
