using System.Globalization;
using Faas.Engine;
using Faas.Workloads.Arrivals;
using Faas.Workloads.Distributions;

namespace Faas.Workloads.Traces;

/// <summary>Options of <see cref="Azure2021Trace"/> (YAML: <c>workload: {trace: azure2021, ...}</c>).</summary>
/// <param name="File">The invocation-level trace: <c>app,func,end_timestamp,duration</c> (seconds).</param>
/// <param name="Functions">How many functions to take (null: all).</param>
/// <param name="ReorderWindow">
/// Rows may be out of start order by at most this much: each run holds the rows of the last window
/// in a heap and releases them in start order. The published file is ordered by end time, so a
/// call's start can precede earlier rows' by up to its duration; the invitro sample is sorted by start.
/// A row earlier than that fails loading with its line number.
/// </param>
/// <param name="MemoryBytes">Container memory of every function (the trace has none); 0 for the runtime's.</param>
public sealed record Azure2021Options(
    string File,
    int? Functions = null,
    TraceSampling Sampling = TraceSampling.Random,
    ulong SampleSeed = 1,
    SimDuration ReorderWindow = default,
    long MemoryBytes = 0);

/// <summary>
/// The Azure Functions 2021 invocation trace (Zhang et al., SOSP 2021): one row per call,
/// <c>app,func,end_timestamp,duration</c> in seconds from the trace start; the call arrives at
/// <c>end − duration</c> (clamped at 0) and executes for <c>duration</c> (each call's own execution
/// time is used, not a distribution). Loading streams the file once to validate every row (line
/// numbers in errors), count the functions and check the order; every run streams it again.
/// Memory: O(functions) plus the rows of one reorder window.
/// </summary>
public sealed class Azure2021Trace : ITraceWorkload
{
    public static readonly string[] Header = ["app", "func", "end_timestamp", "duration"];

    private readonly Dictionary<string, int> _local; // "app,func" → local function index, −1 when not sampled

    private Azure2021Trace(Azure2021Options o, int firstFunction, IReadOnlyList<TraceFunction> functions, Dictionary<string, int> local,
        int population, long rows, long selectedRows, long lastStartMicros)
    {
        Options = o;
        FirstFunction = firstFunction;
        Functions = functions;
        _local = local;
        Population = population;
        Rows = rows;
        TotalCalls = selectedRows;
        LastStartMicros = lastStartMicros;
    }

    public Azure2021Options Options { get; }
    public int FirstFunction { get; }
    public IReadOnlyList<TraceFunction> Functions { get; }

    /// <summary>Distinct (app, func) pairs in the file.</summary>
    public int Population { get; }

    /// <summary>Data rows in the file.</summary>
    public long Rows { get; }

    /// <summary>Rows of the selected functions (the calls a full replay yields).</summary>
    public long TotalCalls { get; }

    /// <summary>The latest call start in the file, in µs.</summary>
    public long LastStartMicros { get; }

    /// <summary>Up to the last start, rounded up to a whole second past it.</summary>
    public SimDuration Span => new((LastStartMicros / 1_000_000 + 1) * 1_000_000);

    public double ExpectedCalls => TotalCalls;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"azure2021({Functions.Count} of {Population} functions, {TotalCalls} of {Rows} calls, reorder window {Options.ReorderWindow})");

    public IArrivalStream CreateStream(ulong replicationSeed, SimTime end) => new Stream(this, end);

    private struct Row
    {
        public long Start;
        public long Line;
        public int Function;
        public long Exec;
    }

    /// <summary>Reads one row: start and duration in µs; validates the fields.</summary>
    private static void Parse(CsvLineReader r, out long start, out long duration)
    {
        r.RequireFields(Header.Length);
        if (r.Field(0).Trim().IsEmpty) throw r.Error("expected a non-empty app hash", 0);
        if (r.Field(1).Trim().IsEmpty) throw r.Error("expected a non-empty function hash", 1);
        double end = r.Double(2, 0);
        double dur = r.Double(3, 0);
        duration = (long)Math.Round(dur * 1e6);
        start = Math.Max(0, (long)Math.Round(end * 1e6) - duration);
    }

    private static CsvLineReader Open(string path)
    {
        var r = CsvLineReader.Open(path);
        try
        {
            var h = r.ReadHeader();
            r.RequireHeaderPrefix("an Azure 2021 invocation trace (app,func,end_timestamp,duration)", Header);
            if (h.Count != Header.Length)
                throw new ScenarioException(new SourceLocation(path, 1, 1), $"an Azure 2021 trace has {Header.Length} columns (app,func,end_timestamp,duration), found {h.Count}");
            return r;
        }
        catch
        {
            r.Dispose();
            throw;
        }
    }

    private sealed class Stats
    {
        public required string Key;
        public required string App;
        public required string Func;
        public long Line;
        public long Calls;
        public double ExecSum;
        public int Index;
    }

    /// <summary>Validates the file, samples the functions and builds the workload.</summary>
    public static Azure2021Trace Load(Azure2021Options o, int firstFunction, int runtime, Func<int, long> runtimeMemory)
    {
        var stats = new Dictionary<string, Stats>(StringComparer.Ordinal);
        var order = new List<Stats>();
        long rows = 0, maxStart = 0, maxStartLine = 0;
        long window = o.ReorderWindow.Micros;
        using (var r = Open(o.File))
        {
            var lookup = stats.GetAlternateLookup<ReadOnlySpan<char>>();
            while (r.Next())
            {
                Parse(r, out long start, out long dur);
                if (start < maxStart - window)
                    throw r.Error(string.Create(CultureInfo.InvariantCulture,
                        $"calls must come in start order (end_timestamp - duration) within the reorder window ({o.ReorderWindow}): this call starts at {start / 1e6:0.######} s, {(maxStart - start) / 1e6:0.######} s before the call on line {maxStartLine}; sort the file by start or raise reorder_window"));
                if (start > maxStart)
                {
                    maxStart = start;
                    maxStartLine = r.Line;
                }
                var key = r.Fields(0, 1);
                if (!lookup.TryGetValue(key, out var s))
                {
                    s = new Stats { Key = key.ToString(), App = r.Field(0).Trim().ToString(), Func = r.Field(1).Trim().ToString(), Line = r.Line, Index = order.Count };
                    stats.Add(s.Key, s);
                    order.Add(s);
                }
                s.Calls++;
                s.ExecSum += dur / 1e6;
                rows++;
            }
        }
        if (rows == 0) throw new ScenarioException(new SourceLocation(o.File, 2, 0), "the trace holds no calls (only a header)");

        int n = o.Functions ?? order.Count;
        if (n > order.Count) throw new ArgumentException($"functions: {n} requested but the trace has only {order.Count}");
        List<Stats> chosen;
        if (n == order.Count) chosen = [.. order];
        else if (o.Sampling == TraceSampling.Top) chosen = [.. order.OrderByDescending(s => s.Calls).ThenBy(s => s.Index).Take(n)];
        else if (o.Sampling == TraceSampling.Quartiles) throw new ArgumentException("sample: quartiles is only for azure2019; use random or top");
        else
        {
            chosen = [.. order];
            Azure2019Trace.Shuffle(chosen, SeedSequence.Stream(o.SampleSeed, StreamKeys.TraceSample));
            chosen = chosen.GetRange(0, n);
        }
        chosen.Sort((a, b) => a.Index.CompareTo(b.Index));

        var local = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in order) local[s.Key] = -1;
        var functions = new List<TraceFunction>(chosen.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        long selected = 0;
        long mem = o.MemoryBytes > 0 ? o.MemoryBytes : runtimeMemory(runtime);
        foreach (var s in chosen)
        {
            local[s.Key] = functions.Count;
            selected += s.Calls;
            string name = Azure2019Trace.UniqueName(names, "fn-" + s.Func[..Math.Min(12, s.Func.Length)]);
            functions.Add(new TraceFunction(name, s.App + "," + s.Func, s.App, "", s.Line, s.Calls,
                new ConstantDistribution(SimDuration.FromSeconds(s.ExecSum / s.Calls)), mem));
        }
        return new Azure2021Trace(o, firstFunction, functions, local, order.Count, rows, selected, maxStart);
    }

    /// <summary>One run's replay: reads rows, holds one reorder window in a min-heap by (start, line).</summary>
    private sealed class Stream : ITracedCallStream, IDisposable
    {
        private readonly Azure2021Trace _t;
        private readonly long _end;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private CsvLineReader? _reader;
        private Row[] _heap = new Row[64];
        private int _count;
        private long _maxStart;

        public Stream(Azure2021Trace t, SimTime end)
        {
            _t = t;
            _end = end.Micros;
            _lookup = t._local.GetAlternateLookup<ReadOnlySpan<char>>();
            _reader = Open(t.Options.File);
        }

        public SimDuration Exec { get; private set; }

        public bool TryNext(out SimTime time, out int function)
        {
            long window = _t.Options.ReorderWindow.Micros;
            while (_reader is not null && (_count == 0 || _heap[0].Start > _maxStart - window))
            {
                if (!_reader.Next())
                {
                    _reader.Dispose();
                    _reader = null;
                    break;
                }
                Parse(_reader, out long start, out long dur);
                if (start > _maxStart) _maxStart = start;
                if (!_lookup.TryGetValue(_reader.Fields(0, 1), out int f) || f < 0) continue;
                Push(new Row { Start = start, Line = _reader.Line, Function = f, Exec = dur });
            }
            if (_count == 0 || _heap[0].Start >= _end)
            {
                Dispose();
                time = SimTime.MaxValue;
                function = -1;
                return false;
            }
            var top = Pop();
            time = new SimTime(top.Start);
            function = _t.FirstFunction + top.Function;
            Exec = new SimDuration(top.Exec);
            return true;
        }

        public void Dispose()
        {
            _reader?.Dispose();
            _reader = null;
            _count = 0;
        }

        private static bool Less(in Row a, in Row b) => a.Start < b.Start || (a.Start == b.Start && a.Line < b.Line);

        private void Push(in Row row)
        {
            if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
            int i = _count++;
            while (i > 0)
            {
                int p = (i - 1) >> 1;
                if (!Less(in row, in _heap[p])) break;
                _heap[i] = _heap[p];
                i = p;
            }
            _heap[i] = row;
        }

        private Row Pop()
        {
            var top = _heap[0];
            var last = _heap[--_count];
            int i = 0;
            while (true)
            {
                int c = 2 * i + 1;
                if (c >= _count) break;
                if (c + 1 < _count && Less(in _heap[c + 1], in _heap[c])) c++;
                if (!Less(in _heap[c], in last)) break;
                _heap[i] = _heap[c];
                i = c;
            }
            if (_count > 0) _heap[i] = last;
            return top;
        }
    }
}
