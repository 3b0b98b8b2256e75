using Faas.Engine;
using Faas.Workloads.Arrivals;

namespace Faas.Workloads.Traces;

/// <summary>
/// Several arrival streams merged into one time-ordered stream (ties: lower stream index first),
/// holding one pending call per stream in a small heap. <see cref="Exec"/> is the execution time
/// recorded by the stream the last call came from, when that stream is an
/// <see cref="ITracedCallStream"/>, and zero otherwise.
/// </summary>
public sealed class MergedArrivalStream : ITracedCallStream
{
    private readonly IArrivalStream[] _streams;
    private readonly ITracedCallStream?[] _traced;
    private readonly long[] _exec;
    private readonly long[] _time;
    private readonly int[] _function;
    private readonly int[] _heap; // stream indexes
    private int _count;

    public MergedArrivalStream(IReadOnlyList<IArrivalStream> streams)
    {
        _streams = [.. streams];
        _traced = _streams.Select(x => x as ITracedCallStream).ToArray();
        _exec = new long[_streams.Length];
        _time = new long[_streams.Length];
        _function = new int[_streams.Length];
        _heap = new int[_streams.Length];
        for (int i = 0; i < _streams.Length; i++)
            if (Pull(i)) Up(_count++, i);
    }

    public SimDuration Exec { get; private set; }

    public bool TryNext(out SimTime time, out int function)
    {
        if (_count == 0)
        {
            time = SimTime.MaxValue;
            function = -1;
            return false;
        }
        int s = _heap[0];
        time = new SimTime(_time[s]);
        function = _function[s];
        Exec = new SimDuration(_exec[s]);
        if (Pull(s)) Down(0, s);
        else
        {
            int last = _heap[--_count];
            if (_count > 0) Down(0, last);
        }
        return true;
    }

    private bool Pull(int s)
    {
        if (!_streams[s].TryNext(out var t, out int f)) return false;
        _time[s] = t.Micros;
        _function[s] = f;
        _exec[s] = _traced[s]?.Exec.Micros ?? 0;
        return true;
    }

    private bool Less(int a, int b) => _time[a] < _time[b] || (_time[a] == _time[b] && a < b);

    private void Up(int i, int s)
    {
        while (i > 0)
        {
            int p = (i - 1) >> 1;
            if (!Less(s, _heap[p])) break;
            _heap[i] = _heap[p];
            i = p;
        }
        _heap[i] = s;
    }

    private void Down(int i, int s)
    {
        while (true)
        {
            int c = 2 * i + 1;
            if (c >= _count) break;
            if (c + 1 < _count && Less(_heap[c + 1], _heap[c])) c++;
            if (!Less(_heap[c], s)) break;
            _heap[i] = _heap[c];
            i = c;
        }
        _heap[i] = s;
    }
}
