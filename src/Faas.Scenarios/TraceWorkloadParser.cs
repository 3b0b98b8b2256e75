using System.Globalization;
using Faas.Engine;
using Faas.Platform.Models;
using Faas.Workloads;
using Faas.Workloads.Traces;

namespace Faas.Scenarios;

/// <summary>
/// Builds a trace workload and its functions from the scenario's <c>workload:</c> mapping (see
/// scenarios/README.md, "workload"). Nested mappings arrive flattened (<c>runtime: {http: node}</c>
/// as <c>runtime.http</c>) and lists joined by newlines. Relative paths resolve against the
/// scenario file's folder. Every problem is a <see cref="ScenarioException"/> at the option's
/// location, or at the trace file's line.
/// </summary>
public static class TraceWorkloadParser
{
    public static readonly string[] Traces = ["azure2019", "azure2021", "synthetic"];

    /// <summary>The result: the workload and the functions it calls (to be appended to the scenario's).</summary>
    public sealed record Parsed(ITraceWorkload Workload, IReadOnlyList<FunctionSpec> Functions);

    /// <param name="firstFunction">Scenario index the trace's first function will get.</param>
    /// <param name="duration">The scenario's duration when given (the synthetic trace is generated for it).</param>
    public static Parsed Parse(OptionBag bag, string scenarioFile, ulong scenarioSeed, IReadOnlyList<RuntimeSpec> runtimes, int firstFunction, SimDuration? duration)
    {
        if (!bag.TryGet("trace", out var kind))
            throw new ScenarioException(bag.Location, $"workload: missing 'trace' (one of {string.Join(", ", Traces)})");
        string dir = Path.GetDirectoryName(Path.GetFullPath(scenarioFile)) ?? ".";
        try
        {
            return kind.Raw switch
            {
                "azure2019" => Azure2019(bag, dir, scenarioSeed, runtimes, firstFunction),
                "azure2021" => Azure2021(bag, dir, scenarioSeed, runtimes, firstFunction),
                "synthetic" => Synthetic(bag, scenarioSeed, runtimes, firstFunction, duration),
                _ => throw new ScenarioException(kind.Location, $"workload: unknown trace '{kind.Raw}'; expected one of {string.Join(", ", Traces)}"),
            };
        }
        catch (ArgumentException e)
        {
            throw new ScenarioException(bag.Location, "workload: " + e.Message);
        }
    }

    private static Parsed Azure2019(OptionBag bag, string dir, ulong seed, IReadOnlyList<RuntimeSpec> runtimes, int first)
    {
        Reject(bag, "azure2019", allowRuntimeMap: true,
            "trace", "invocations", "durations", "memory", "functions", "sample", "sample_seed", "spread", "minutes", "exec", "app_memory", "runtime", "preset");
        bool faasCache = Preset(bag);
        var files = Paths(bag, "invocations", dir, required: true);
        string durations = Paths(bag, "durations", dir, required: true).Single();
        string? memory = bag.Has("memory") ? Paths(bag, "memory", dir, required: true).Single() : null;
        int days = files.Count;
        var (firstMinute, lastMinute) = Minutes(bag, days * Azure2019Trace.MinutesPerDay);
        var o = new Azure2019Options(
            files, durations, memory,
            FunctionCount(bag),
            Sampling(bag, allowQuartiles: true),
            SampleSeed(bag, seed),
            faasCache ? MinuteSpread.Even : Spread(bag),
            firstMinute, lastMinute,
            ExecFromAverage: faasCache || bag.Choice("exec", "percentiles", "percentiles", "average") == "average",
            AppMemory: bag.Choice("app_memory", "split", "split", "whole", "runtime") switch { "whole" => AppMemory.Whole, "runtime" => AppMemory.Runtime, _ => AppMemory.Split },
            ColdIsMaximum: faasCache);
        if (faasCache)
        {
            foreach (var k in new[] { "spread", "exec" })
                if (bag.TryGet(k, out var e)) throw new ScenarioException(e.Location, $"workload: preset faascache sets '{k}' itself; remove it");
        }
        var resolve = RuntimeMap(bag, runtimes, files[0]);
        var trace = Azure2019Trace.Load(o, first, resolve, r => runtimes[r].MemoryBytes, out var rts);
        return new Parsed(trace, Specs(trace.Functions, rts));
    }

    private static Parsed Azure2021(OptionBag bag, string dir, ulong seed, IReadOnlyList<RuntimeSpec> runtimes, int first)
    {
        Reject(bag, "azure2021", allowRuntimeMap: false,
            "trace", "file", "functions", "sample", "sample_seed", "reorder_window", "function_memory", "runtime");
        string file = Paths(bag, "file", dir, required: true).Single();
        int rt = SingleRuntime(bag, runtimes);
        var o = new Azure2021Options(file, FunctionCount(bag), Sampling(bag, allowQuartiles: false), SampleSeed(bag, seed),
            bag.Duration("reorder_window", SimDuration.FromMinutes(10)), bag.Memory("function_memory", 0));
        if (o.ReorderWindow.IsInfinite) throw Error(bag, "reorder_window", "must be finite (it bounds the rows held in memory)");
        var trace = Azure2021Trace.Load(o, first, rt, r => runtimes[r].MemoryBytes);
        return new Parsed(trace, Specs(trace.Functions, trace.Functions.Select(_ => rt).ToList()));
    }

    private static Parsed Synthetic(OptionBag bag, ulong seed, IReadOnlyList<RuntimeSpec> runtimes, int first, SimDuration? duration)
    {
        Reject(bag, "synthetic", allowRuntimeMap: false,
            "trace", "functions", "calls_per_day", "spread", "amplitude", "peak", "runtime", "sample_seed");
        int n = bag.Int("functions", 1000, 1, MinuteSpreadStream.MaxFunctions - 1);
        double? perDay = bag.Has("calls_per_day") ? bag.Double("calls_per_day", 0, 1e-9, 1e15) : null;
        bool random = bag.TryGet("runtime", out var e) && e.Raw == "random";
        int rt = random ? 0 : SingleRuntime(bag, runtimes);
        long span = duration?.Micros ?? 1440 * MinuteSpreadStream.MinuteMicros;
        int minutes = (int)Math.Max(1, (span + MinuteSpreadStream.MinuteMicros - 1) / MinuteSpreadStream.MinuteMicros);
        var o = new SyntheticOptions(n, perDay, minutes, Spread(bag), bag.Double("amplitude", 0, 0, 1), bag.Duration("peak", SimDuration.FromHours(14)),
            SampleSeed(bag, seed), random);
        var pop = SyntheticPopulation.Generate(o, first, rt, runtimes.Count);
        return new Parsed(pop, Specs(pop.Functions, pop.Runtimes));
    }

    private static List<FunctionSpec> Specs(IReadOnlyList<TraceFunction> fs, IReadOnlyList<int> runtimes) =>
        fs.Select((f, i) => new FunctionSpec(f.Name, runtimes[i], f.MemoryBytes, f.Exec, null, f.App, f.ColdStart)).ToList();

    private static void Reject(OptionBag bag, string trace, bool allowRuntimeMap, params string[] known)
    {
        foreach (var key in bag.Keys)
        {
            if (Array.IndexOf(known, key) >= 0) continue;
            if (key.StartsWith("runtime.", StringComparison.Ordinal) && allowRuntimeMap) continue;
            bag.TryGet(key, out var e);
            throw new ScenarioException(e.Location, $"workload: unknown option '{key}' for trace {trace}; expected one of: {string.Join(", ", known)}{(allowRuntimeMap ? ", runtime.<trigger>" : "")}");
        }
    }

    private static ScenarioException Error(OptionBag bag, string key, string problem) =>
        new(bag.TryGet(key, out var e) ? e.Location : bag.Location, $"workload: '{key}' {problem}");

    private static bool Preset(OptionBag bag)
    {
        if (!bag.Has("preset")) return false;
        bag.Choice("preset", "", "faascache");
        return true;
    }

    private static List<string> Paths(OptionBag bag, string key, string dir, bool required)
    {
        if (!bag.TryGet(key, out var e))
        {
            if (required) throw new ScenarioException(bag.Location, $"workload: missing '{key}' (a path, relative to the scenario file)");
            return [];
        }
        var list = e.Raw.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(dir, p))).ToList();
        if (list.Count == 0) throw new ScenarioException(e.Location, $"workload: '{key}' must name a file");
        foreach (var p in list)
            if (!File.Exists(p)) throw new ScenarioException(e.Location, $"workload: '{key}': file not found: {p}");
        return list;
    }

    private static int? FunctionCount(OptionBag bag)
    {
        if (!bag.TryGet("functions", out var e) || e.Raw == "all") return null;
        return bag.Int("functions", 0, 1, MinuteSpreadStream.MaxFunctions - 1);
    }

    private static TraceSampling Sampling(OptionBag bag, bool allowQuartiles) =>
        (allowQuartiles ? bag.Choice("sample", "random", "random", "quartiles", "top") : bag.Choice("sample", "random", "random", "top")) switch
        {
            "quartiles" => TraceSampling.Quartiles,
            "top" => TraceSampling.Top,
            _ => TraceSampling.Random,
        };

    private static ulong SampleSeed(OptionBag bag, ulong seed)
    {
        if (!bag.TryGet("sample_seed", out var e)) return seed;
        if (!ulong.TryParse(e.Raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v))
            throw new ScenarioException(e.Location, $"workload: 'sample_seed' must be a non-negative whole number, got '{e.Raw}'");
        return v;
    }

    private static MinuteSpread Spread(OptionBag bag) =>
        bag.Choice("spread", "uniform", "uniform", "even") == "even" ? MinuteSpread.Even : MinuteSpread.Uniform;

    /// <summary><c>minutes: a-b</c> (1-based, inclusive) or <c>minutes: a</c> (one minute).</summary>
    private static (int First, int? Last) Minutes(OptionBag bag, int available)
    {
        if (!bag.TryGet("minutes", out var e)) return (1, null);
        var parts = e.Raw.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int a)
            || !int.TryParse(parts[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int b)
            || a < 1 || b < a || b > available)
            throw new ScenarioException(e.Location, $"workload: 'minutes' must be a range a-b with 1 <= a <= b <= {available} (minutes of the given day files, counted across them), got '{e.Raw}'");
        return (a, b);
    }

    private static int RuntimeIndex(IReadOnlyList<RuntimeSpec> runtimes, string name, OptionBag.Entry e)
    {
        for (int i = 0; i < runtimes.Count; i++) if (runtimes[i].Name == name) return i;
        throw new ScenarioException(e.Location, $"workload: unknown runtime '{name}'; declared runtimes: {string.Join(", ", runtimes.Select(r => r.Name))}");
    }

    private static int SingleRuntime(OptionBag bag, IReadOnlyList<RuntimeSpec> runtimes)
    {
        if (bag.TryGet("runtime", out var e)) return RuntimeIndex(runtimes, e.Raw, e);
        if (runtimes.Count == 1) return 0;
        throw new ScenarioException(bag.Location, "workload: give 'runtime' (the scenario declares several runtimes)");
    }

    /// <summary>
    /// <c>runtime: python</c> (all functions), or <c>runtime: {http: node, queue: python, default: python}</c>
    /// by trigger group; an unmapped trigger without <c>default</c> fails at the function's line.
    /// </summary>
    private static Func<string, long, int> RuntimeMap(OptionBag bag, IReadOnlyList<RuntimeSpec> runtimes, string invocationFile)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in bag.Keys.Where(k => k.StartsWith("runtime.", StringComparison.Ordinal)))
        {
            bag.TryGet(key, out var e);
            map[key["runtime.".Length..]] = RuntimeIndex(runtimes, e.Raw, e);
        }
        if (map.Count == 0)
        {
            int rt = SingleRuntime(bag, runtimes);
            return (_, _) => rt;
        }
        if (bag.TryGet("runtime", out var both)) throw new ScenarioException(both.Location, "workload: give 'runtime' either as one name or as a mapping by trigger, not both");
        return (trigger, line) =>
        {
            if (map.TryGetValue(trigger, out int r) || map.TryGetValue("default", out r)) return r;
            throw new ScenarioException(new SourceLocation(invocationFile, (int)line, 4),
                $"row {line}: trigger '{trigger}' has no runtime; add runtime: {{{trigger}: <name>}} or a 'default' to the workload");
        };
    }
}
