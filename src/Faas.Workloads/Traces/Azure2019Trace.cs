using System.Globalization;
using Faas.Engine;
using Faas.Workloads.Arrivals;
using Faas.Workloads.Distributions;

namespace Faas.Workloads.Traces;

/// <summary>
/// The Azure Functions 2019 trace (Shahrad et al., USENIX ATC 2020): per-minute invocation counts,
/// execution-time percentiles per function and memory percentiles per application. Loading reads
/// the files as streams (one row at a time), validates every row (file and line in every error),
/// picks the functions, and keeps only their non-zero per-minute counts (compressed by minute, so
/// memory is O(sampled functions × active minutes), never O(calls)). Each run then replays the
/// counts minute by minute through a <see cref="MinuteSpreadStream"/>.
/// <para>
/// Eligible functions: those with a durations row and at least one call in the selected minutes.
/// Execution time: an <see cref="EmpiricalDistribution"/> through the published percentiles
/// (0, 1, 25, 50, 75, 99, 100; these are percentiles of 30-second averages, so the tails are
/// narrower than per-call ones), or the constant Average.
/// </para>
/// </summary>
public sealed class Azure2019Trace : ITraceWorkload
{
    /// <summary>Minutes in one file (one day).</summary>
    public const int MinutesPerDay = 1440;

    /// <summary>Fixed leading columns of the invocation file.</summary>
    public static readonly string[] InvocationHeader = ["HashOwner", "HashApp", "HashFunction", "Trigger"];

    /// <summary>Columns of the durations file.</summary>
    public static readonly string[] DurationHeader =
    [
        "HashOwner", "HashApp", "HashFunction", "Average", "Count", "Minimum", "Maximum",
        "percentile_Average_0", "percentile_Average_1", "percentile_Average_25", "percentile_Average_50",
        "percentile_Average_75", "percentile_Average_99", "percentile_Average_100",
    ];

    /// <summary>The percentiles the durations file publishes, in column order.</summary>
    public static readonly double[] DurationPercentiles = [0, 1, 25, 50, 75, 99, 100];

    /// <summary>Bytes per "MB" of the memory file (taken as MiB).</summary>
    public const long BytesPerMb = 1L << 20;

    private readonly int[] _minuteStart; // CSR by minute: entries [start[m], start[m+1])
    private readonly int[] _entryFunction;
    private readonly int[] _entryCount;

    private Azure2019Trace(Azure2019Options options, int firstFunction, IReadOnlyList<TraceFunction> functions, int eligible, int population,
        int[] minuteStart, int[] entryFunction, int[] entryCount, long totalCalls)
    {
        Options = options;
        FirstFunction = firstFunction;
        Functions = functions;
        Eligible = eligible;
        Population = population;
        _minuteStart = minuteStart;
        _entryFunction = entryFunction;
        _entryCount = entryCount;
        TotalCalls = totalCalls;
    }

    public Azure2019Options Options { get; }

    /// <summary>Scenario index of <see cref="Functions"/>[0].</summary>
    public int FirstFunction { get; }

    /// <summary>The functions replayed, in invocation-file order.</summary>
    public IReadOnlyList<TraceFunction> Functions { get; }

    /// <summary>Functions in the first invocation file.</summary>
    public int Population { get; }

    /// <summary>Functions that could be sampled (durations row and calls in the selected minutes).</summary>
    public int Eligible { get; }

    /// <summary>Calls of the selected functions in the selected minutes (the stream yields exactly these).</summary>
    public long TotalCalls { get; }

    /// <summary>Minutes replayed.</summary>
    public int Minutes => _minuteStart.Length - 1;

    public SimDuration Span => new(Minutes * MinuteSpreadStream.MinuteMicros);

    public double ExpectedCalls => TotalCalls;

    /// <summary>Calls of local function <paramref name="f"/> in replayed minute <paramref name="minute"/> (0-based); for tests.</summary>
    public int CallsIn(int minute, int f)
    {
        for (int i = _minuteStart[minute]; i < _minuteStart[minute + 1]; i++)
            if (_entryFunction[i] == f) return _entryCount[i];
        return 0;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"azure2019({Functions.Count} of {Eligible} eligible / {Population} functions, minutes {Options.FirstMinute}-{Options.FirstMinute + Minutes - 1}, {TotalCalls} calls, {Options.Sampling.ToString().ToLowerInvariant()} sample, {Options.Spread.ToString().ToLowerInvariant()} spread)");

    public IArrivalStream CreateStream(ulong replicationSeed, SimTime end) =>
        new MinuteSpreadStream(new Source(this), Options.Spread, SeedSequence.Stream(replicationSeed, StreamKeys.Azure2019Spread), FirstFunction, end);

    private sealed class Source(Azure2019Trace t) : IMinuteCountSource
    {
        public int Minutes => t.Minutes;

        public int Read(int minute, ref int[] functions, ref int[] counts)
        {
            int from = t._minuteStart[minute], n = t._minuteStart[minute + 1] - from;
            if (functions.Length < n) Array.Resize(ref functions, Math.Max(n, functions.Length * 2));
            if (counts.Length < n) Array.Resize(ref counts, Math.Max(n, counts.Length * 2));
            Array.Copy(t._entryFunction, from, functions, 0, n);
            Array.Copy(t._entryCount, from, counts, 0, n);
            return n;
        }
    }

    /// <summary>A durations row: milliseconds.</summary>
    public sealed record DurationRow(double AverageMs, long Count, double MinimumMs, double MaximumMs, double[] PercentilesMs, long Line);

    /// <summary>Reads the durations file, keyed by <c>owner,app,function</c>; rows with decreasing percentiles are rejected.</summary>
    public static Dictionary<string, DurationRow> ReadDurations(string path)
    {
        var rows = new Dictionary<string, DurationRow>(StringComparer.Ordinal);
        using var r = CsvLineReader.Open(path);
        r.ReadHeader();
        r.RequireHeaderPrefix("an Azure 2019 durations file (function_durations_percentiles)", DurationHeader);
        while (r.Next())
        {
            r.RequireFields(DurationHeader.Length);
            for (int i = 0; i < 3; i++) r.Text(i);
            string key = r.Fields(0, 2).ToString();
            var p = new double[DurationPercentiles.Length];
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = r.Double(7 + i, 0);
                if (i > 0 && p[i] < p[i - 1])
                    throw r.Error($"percentiles must not decrease: {DurationHeader[7 + i]} = {p[i].ToString(CultureInfo.InvariantCulture)} < {DurationHeader[6 + i]} = {p[i - 1].ToString(CultureInfo.InvariantCulture)}", 7 + i);
            }
            var row = new DurationRow(r.Double(3, 0), r.Long(4), r.Double(5, 0), r.Double(6, 0), p, r.Line);
            if (!rows.TryAdd(key, row)) throw r.Error($"duplicate function (first seen on line {rows[key].Line})");
        }
        return rows;
    }

    /// <summary>Reads the memory file: the app's <c>AverageAllocatedMb</c> keyed by <c>owner,app</c> (the first row of an app wins when invitro's per-function variant repeats it).</summary>
    public static Dictionary<string, double> ReadMemory(string path)
    {
        var mem = new Dictionary<string, double>(StringComparer.Ordinal);
        using var r = CsvLineReader.Open(path);
        var header = r.ReadHeader();
        bool perFunction = header.Count > 2 && header[2] == "HashFunction";
        string[] expected = perFunction
            ? ["HashOwner", "HashApp", "HashFunction", "SampleCount", "AverageAllocatedMb"]
            : ["HashOwner", "HashApp", "SampleCount", "AverageAllocatedMb"];
        r.RequireHeaderPrefix("an Azure 2019 memory file (app_memory_percentiles)", expected);
        int columns = perFunction ? 13 : 12;
        if (header.Count != columns)
            throw new ScenarioException(new SourceLocation(path, 1, 1), $"an Azure 2019 memory file has {columns} columns with this header, found {header.Count}");
        int avg = perFunction ? 4 : 3;
        while (r.Next())
        {
            r.RequireFields(columns);
            r.Text(0);
            r.Text(1);
            r.Long(avg - 1);
            double mb = r.Double(avg, 0);
            for (int i = avg + 1; i < columns; i++) r.Double(i, 0);
            mem.TryAdd(r.Fields(0, 1).ToString(), mb);
        }
        return mem;
    }

    private sealed class Candidate
    {
        public required string Key;
        public required string App;
        public required string Trigger;
        public required string FunctionHash;
        public long Line;
        public long Calls;
        public int Index; // position in the first file
    }

    /// <summary>
    /// Loads the trace for a scenario: validates the files, samples the functions and keeps their
    /// counts. <paramref name="runtimeOf"/> maps a trigger group to the runtime index;
    /// <paramref name="runtimeMemory"/> gives a runtime's memory (when the trace has none).
    /// </summary>
    public static Azure2019Trace Load(Azure2019Options o, int firstFunction, Func<string, long, int> runtimeOf, Func<int, long> runtimeMemory, out IReadOnlyList<int> runtimes)
    {
        if (o.InvocationFiles.Count == 0) throw new ArgumentException("at least one invocation file is needed");
        var durations = ReadDurations(o.DurationsFile);
        var memory = o.MemoryFile is null || o.AppMemory == AppMemory.Runtime ? null : ReadMemory(o.MemoryFile);

        int days = o.InvocationFiles.Count;
        int lastAvailable = days * MinutesPerDay;
        int first = o.FirstMinute, last = o.LastMinute ?? lastAvailable;
        if (first < 1 || last > lastAvailable || last < first)
            throw new ArgumentException($"minutes {first}-{last} are outside 1-{lastAvailable} ({days} day file(s))");

        // pass 1: every row of every day: validate, total calls in the selected minutes
        var candidates = new List<Candidate>();
        var byKey = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var appFunctions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < days; d++)
        {
            using var r = OpenInvocations(o.InvocationFiles[d]);
            while (r.Next())
            {
                r.RequireFields(InvocationHeader.Length + MinutesPerDay);
                for (int i = 0; i < 4; i++) r.Text(i);
                long calls = 0;
                for (int m = 1; m <= MinutesPerDay; m++)
                {
                    long c = r.Long(3 + m);
                    if (c > int.MaxValue) throw r.Error($"a count above {int.MaxValue} per minute is not supported", 3 + m);
                    int global = d * MinutesPerDay + m;
                    if (global >= first && global <= last) calls += c;
                }
                string key = r.Fields(0, 2).ToString();
                if (d == 0)
                {
                    var c = new Candidate
                    {
                        Key = key, App = r.Fields(0, 1).ToString(), FunctionHash = r.Text(2), Trigger = r.Text(3),
                        Line = r.Line, Calls = calls, Index = candidates.Count,
                    };
                    if (!byKey.TryAdd(key, c)) throw r.Error($"duplicate function (first seen on line {byKey[key].Line})");
                    candidates.Add(c);
                    appFunctions[c.App] = appFunctions.GetValueOrDefault(c.App) + 1;
                }
                else if (byKey.TryGetValue(key, out var c))
                {
                    c.Calls += calls;
                }
            }
        }

        var eligible = candidates.Where(c => c.Calls > 0 && durations.ContainsKey(c.Key)).ToList();
        var chosen = Sample(eligible, o.Functions, o.Sampling, o.SampleSeed);
        chosen.Sort((a, b) => a.Index.CompareTo(b.Index));

        // the functions
        var functions = new List<TraceFunction>(chosen.Count);
        var rts = new List<int>(chosen.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var local = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in chosen)
        {
            var dur = durations[c.Key];
            int rt = runtimeOf(c.Trigger, c.Line);
            long mem = 0;
            if (memory is not null && memory.TryGetValue(c.App, out double mb) && mb > 0)
            {
                double share = o.AppMemory == AppMemory.Split ? mb / appFunctions[c.App] : mb;
                mem = Math.Max(BytesPerMb, (long)Math.Round(share * BytesPerMb));
            }
            if (mem == 0) mem = runtimeMemory(rt);
            DurationDistribution exec = o.ExecFromAverage
                ? new ConstantDistribution(SimDuration.FromMilliseconds(dur.AverageMs))
                : new EmpiricalDistribution(DurationPercentiles.Select((p, i) => (p, dur.PercentilesMs[i] / 1000.0)).ToList());
            DurationDistribution? cold = o.ColdIsMaximum
                ? new ConstantDistribution(SimDuration.FromMilliseconds(Math.Max(0, dur.MaximumMs - dur.AverageMs)))
                : null;
            string name = UniqueName(names, "fn-" + c.FunctionHash[..Math.Min(12, c.FunctionHash.Length)]);
            local[c.Key] = functions.Count;
            functions.Add(new TraceFunction(name, c.Key, c.App, c.Trigger, c.Line, c.Calls, exec, mem, cold));
            rts.Add(rt);
        }
        runtimes = rts;

        // pass 2: the chosen functions' non-zero counts, as (minute, function, count) in minute order
        int minutes = last - first + 1;
        var perMinute = new int[minutes + 1];
        var entries = new List<(int Minute, int Function, int Count)>();
        long total = 0;
        for (int d = 0; d < days; d++)
        {
            int lo = Math.Max(first, d * MinutesPerDay + 1), hi = Math.Min(last, (d + 1) * MinutesPerDay);
            if (lo > hi) continue;
            using var r = OpenInvocations(o.InvocationFiles[d]);
            while (r.Next())
            {
                if (!local.TryGetValue(r.Fields(0, 2).ToString(), out int f)) continue;
                for (int global = lo; global <= hi; global++)
                {
                    int c = (int)r.Long(3 + global - d * MinutesPerDay);
                    if (c == 0) continue;
                    entries.Add((global - first, f, c));
                    perMinute[global - first]++;
                    total += c;
                }
            }
        }
        entries.Sort((a, b) => a.Minute != b.Minute ? a.Minute.CompareTo(b.Minute) : a.Function.CompareTo(b.Function));
        var start = new int[minutes + 1];
        for (int m = 0; m < minutes; m++) start[m + 1] = start[m] + perMinute[m];
        var fn = new int[entries.Count];
        var cnt = new int[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            fn[i] = entries[i].Function;
            cnt[i] = entries[i].Count;
        }
        return new Azure2019Trace(o, firstFunction, functions, eligible.Count, candidates.Count, start, fn, cnt, total);
    }

    private static CsvLineReader OpenInvocations(string path)
    {
        var r = CsvLineReader.Open(path);
        try
        {
            var header = r.ReadHeader();
            r.RequireHeaderPrefix("an Azure 2019 invocation file (invocations_per_function_md)", InvocationHeader);
            if (header.Count != InvocationHeader.Length + MinutesPerDay || header[4] != "1" || header[^1] != "1440")
                throw new ScenarioException(new SourceLocation(path, 1, 1),
                    $"an Azure 2019 invocation file has {InvocationHeader.Length + MinutesPerDay} columns (HashOwner,HashApp,HashFunction,Trigger,1..1440), found {header.Count}");
            return r;
        }
        catch
        {
            r.Dispose();
            throw;
        }
    }

    private static List<Candidate> Sample(List<Candidate> eligible, int? count, TraceSampling sampling, ulong seed)
    {
        int n = count ?? eligible.Count;
        if (n > eligible.Count)
            throw new ArgumentException($"functions: {n} requested but only {eligible.Count} are eligible (a durations row and at least one call in the selected minutes)");
        if (n == eligible.Count) return [.. eligible];
        var rng = SeedSequence.Stream(seed, StreamKeys.TraceSample);
        switch (sampling)
        {
            case TraceSampling.Top:
                return [.. eligible.OrderByDescending(c => c.Calls).ThenBy(c => c.Index).Take(n)];
            case TraceSampling.Quartiles:
            {
                var sorted = eligible.OrderBy(c => c.Calls).ThenBy(c => c.Index).ToList();
                var picked = new List<Candidate>(n);
                var rest = new List<Candidate>();
                for (int q = 3; q >= 0; q--)
                {
                    int lo = q * sorted.Count / 4, hi = (q + 1) * sorted.Count / 4;
                    var group = sorted.GetRange(lo, hi - lo);
                    int want = n / 4 + (3 - q < n % 4 ? 1 : 0);
                    Shuffle(group, rng);
                    picked.AddRange(group.Take(want));
                    rest.AddRange(group.Skip(want));
                }
                if (picked.Count < n)
                {
                    rest.Sort((a, b) => a.Index.CompareTo(b.Index));
                    Shuffle(rest, rng);
                    picked.AddRange(rest.Take(n - picked.Count));
                }
                return picked;
            }
            default:
            {
                var copy = new List<Candidate>(eligible);
                Shuffle(copy, rng);
                return copy.GetRange(0, n);
            }
        }
    }

    /// <summary>Fisher–Yates with the given generator (deterministic for a seed).</summary>
    internal static void Shuffle<T>(List<T> items, Random rng)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    internal static string UniqueName(HashSet<string> taken, string name)
    {
        if (taken.Add(name)) return name;
        for (int k = 2; ; k++)
            if (taken.Add($"{name}-{k}")) return $"{name}-{k}";
    }
}
