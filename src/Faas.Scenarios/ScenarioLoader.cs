using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Faas.Engine;
using Faas.Platform;
using Faas.Platform.Models;
using Faas.Workloads;
using Faas.Workloads.Distributions;
using Faas.Workloads.Traces;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Faas.Scenarios;

/// <summary>
/// Reads a scenario YAML file into a validated <see cref="Scenario"/>. Every problem is a
/// <see cref="ScenarioException"/> naming file, line and column and what was expected; nothing is
/// run or written before the whole file is valid. The vocabulary is documented in scenarios/README.md.
/// </summary>
public static partial class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "duration", "seed", "replications", "runtimes", "functions", "cluster", "models", "sample_interval",
        "sweep", "claim", "workload", "calibration", "max_parallel_starts"]; // sweep and claim: see ScenarioLoader.Sweep.cs; workload: see Traces/TraceWorkloadParser.cs; calibration: CalibrationProfile.cs

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex NamePattern();

    /// <summary>Loads and validates the scenario at <paramref name="path"/>.</summary>
    public static Scenario LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException(new SourceLocation(path, 0, 0), "file not found");
        return Load(File.ReadAllText(path), path);
    }

    /// <summary>Loads and validates scenario text; <paramref name="file"/> names it in messages.</summary>
    public static Scenario Load(string text, string file) => FromRoot(Parse(text, file), file);

    /// <summary>
    /// Builds the scenario from a parsed top-level mapping (possibly with sweep overrides applied), in
    /// the order the checks run: the header keys, the runtimes, the functions and the trace workload
    /// (which adds functions and may set the duration), the cluster, the models, then the
    /// calibration profile. Each step stops at its first problem, so the first error is always the
    /// same for the same file.
    /// </summary>
    private static Scenario FromRoot(YamlMappingNode root, string file)
    {
        var top = new Map(root, file, "scenario");
        top.RejectUnknown(TopKeys);
        var header = ReadHeader(top);
        var (runtimes, runtimeNames) = ReadRuntimes(top);
        var functions = ReadFunctions(top, runtimes, runtimeNames, required: !header.HasWorkload);
        var workload = header.HasWorkload ? AddWorkload(top, file, header, runtimes, functions) : null;
        var duration = header.Duration ?? workload!.Span;
        var sample = top.Has("sample_interval") ? top.Duration("sample_interval", null) : SimDuration.FromMicros(Math.Max(1_000_000, duration.Micros / 200));
        if (sample.Micros <= 0) throw top.Error("sample_interval", "'sample_interval' must be greater than zero");
        var cluster = top.Has("cluster") ? ParseCluster(top.SubMap("cluster"), runtimes, functions) : ClusterSpec.Unlimited;
        var models = ReadModels(top);
        var scenario = new Scenario(header.Name, header.Description, duration, header.Seed, header.Replications, runtimes, functions, cluster, models, sample, file, workload)
        {
            MaxParallelStarts = top.Has("max_parallel_starts") ? top.Int("max_parallel_starts", 0, 1, 1_000_000) : null,
        };
        return ApplyCalibration(top, file, scenario);
    }

    /// <summary>The top-level keys that do not describe the platform; <see cref="Duration"/> is null when a trace workload gives it.</summary>
    private sealed record Header(string Name, string Description, SimDuration? Duration, ulong Seed, int Replications, bool HasWorkload);

    private static Header ReadHeader(Map top)
    {
        string name = top.Name("name");
        string description = top.OptionalScalar("description") ?? "";
        // with a trace workload, duration defaults to the trace's span
        bool hasWorkload = top.Has("workload");
        SimDuration? givenDuration = hasWorkload && !top.Has("duration") ? null : top.Duration("duration", null);
        if (givenDuration is { } gd && (gd.Micros <= 0 || gd.IsInfinite)) throw top.Error("duration", "'duration' must be a finite duration greater than zero");
        ulong seed = top.UInt64("seed", 1);
        int replications = top.Int("replications", 1, 1, 10_000);
        return new Header(name, description, givenDuration, seed, replications, hasWorkload);
    }

    private static (List<RuntimeSpec> Runtimes, Dictionary<string, int> Names) ReadRuntimes(Map top)
    {
        var runtimes = new List<RuntimeSpec>();
        var runtimeNames = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rt in top.MapList("runtimes", required: true))
        {
            rt.RejectUnknown(["name", "image", "memory", "cold_start", "init", "start_contention", "warm_dispatch", "prewarm_dispatch"]);
            string rname = rt.Name("name");
            if (runtimeNames.ContainsKey(rname)) throw rt.Error("name", $"duplicate runtime name '{rname}'");
            runtimeNames[rname] = runtimes.Count;
            runtimes.Add(new RuntimeSpec(
                rname,
                rt.OptionalScalar("image") ?? $"faas-runtime-{rname}",
                rt.Memory("memory", 128L << 20),
                rt.Distribution("cold_start", null),
                rt.Distribution("init", new ConstantDistribution(SimDuration.Zero)))
            {
                // fidelity keys (StartContention.cs, RuntimeSpec.cs): absent = not simulated
                StartContention = rt.Has("start_contention") ? rt.Contention("start_contention") : null,
                WarmDispatch = rt.Has("warm_dispatch") ? rt.Distribution("warm_dispatch", null) : null,
                PrewarmDispatch = rt.Has("prewarm_dispatch") ? rt.Distribution("prewarm_dispatch", null) : null,
            });
        }
        return (runtimes, runtimeNames);
    }

    /// <summary>The declared functions (an entry with <c>count: N</c> is N functions <c>name-1</c> … <c>name-N</c>).</summary>
    private static List<FunctionSpec> ReadFunctions(Map top, List<RuntimeSpec> runtimes, Dictionary<string, int> runtimeNames, bool required)
    {
        var functions = new List<FunctionSpec>();
        var functionNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fn in top.MapList("functions", required))
        {
            fn.RejectUnknown(["name", "count", "runtime", "memory", "exec", "arrivals"]);
            string fname = fn.Name("name");
            int count = fn.Int("count", 1, 1, 10_000_000);
            string rtName = fn.Scalar("runtime");
            if (!runtimeNames.TryGetValue(rtName, out int rtIndex))
                throw fn.Error("runtime", $"unknown runtime '{rtName}'; declared runtimes: {string.Join(", ", runtimeNames.Keys)}");
            long memory = fn.Memory("memory", runtimes[rtIndex].MemoryBytes);
            var exec = fn.Distribution("exec", null);
            var arrivals = ArrivalParser.Parse(fn.Bag("arrivals"), $"function '{fname}' arrivals");
            for (int i = 1; i <= count; i++)
            {
                string n = count == 1 ? fname : $"{fname}-{i}";
                if (!functionNames.Add(n)) throw fn.Error("name", $"duplicate function name '{n}'");
                functions.Add(new FunctionSpec(n, rtIndex, memory, exec, arrivals));
            }
        }
        return functions;
    }

    /// <summary>Reads <c>workload:</c> and appends the trace's functions to <paramref name="functions"/> (names must not clash).</summary>
    private static ITraceWorkload AddWorkload(Map top, string file, Header header, List<RuntimeSpec> runtimes, List<FunctionSpec> functions)
    {
        var parsed = TraceWorkloadParser.Parse(top.FlatBag("workload"), file, header.Seed, runtimes, functions.Count, header.Duration);
        var names = functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var f in parsed.Functions)
        {
            if (!names.Add(f.Name)) throw top.Error("workload", $"the trace's function '{f.Name}' has the name of a declared function");
            functions.Add(f);
        }
        if (parsed.Functions.Count == 0) throw top.Error("workload", "the workload selects no function");
        return parsed.Workload;
    }

    /// <summary>The models with their labels: the same model twice without labels is named by its options, so CSV rows stay distinct.</summary>
    private static List<ModelSpec> ReadModels(Map top)
    {
        var models = new List<ModelSpec>();
        var explicitLabel = new List<bool>();
        foreach (var m in top.MapList("models", required: true))
        {
            string model = m.Scalar("model");
            string? label = m.OptionalScalar("label");
            var bag = m.BagExcept("model", "label");
            models.Add(new ModelSpec(model, label ?? model, bag));
            explicitLabel.Add(label is not null);
        }
        var byLabel = models.GroupBy(x => x.Label).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (int i = 0; i < models.Count; i++)
        {
            if (!explicitLabel[i] && byLabel.Contains(models[i].Label) && models[i].Options.Keys.Any())
                models[i] = models[i] with { Label = $"{models[i].Model} {models[i].Options}" };
        }
        var dup = models.GroupBy(x => x.Label).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new ScenarioException(dup.Last().Options.Location, $"two models are labelled '{dup.Key}'; give each a distinct 'label'");
        return models;
    }

    /// <summary><c>calibration:</c> a profile (relative to the scenario file) whose cold_start/init win over the runtimes' own.</summary>
    private static Scenario ApplyCalibration(Map top, string file, Scenario scenario)
    {
        if (top.OptionalScalar("calibration") is not { } calibration) return scenario;
        string profilePath = Path.IsPathRooted(calibration) ? calibration : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", calibration);
        if (!File.Exists(profilePath)) throw top.Error("calibration", $"calibration profile '{calibration}' not found (looked for {profilePath}); write one with 'faas-sim calibrate --out {calibration}'");
        return CalibrationProfile.LoadFile(profilePath).ApplyTo(scenario, profilePath);
    }

    private static YamlMappingNode Parse(string text, string file)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ScenarioException(new SourceLocation(file, 1, 1), "the file is empty; expected a scenario mapping (name, duration, runtimes, functions, models)");
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            string msg = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes "(Line: x, Col: y, ...): "; keep only the description.
            int idx = msg.IndexOf("): ", StringComparison.Ordinal);
            if (msg.StartsWith('(') && idx > 0) msg = msg[(idx + 3)..];
            throw new ScenarioException(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column), $"invalid YAML: {msg}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way on some unterminated flow collections: report where parsing stopped.
            throw new ScenarioException(LastGoodMark(text, file), "invalid YAML: an unterminated '{' or '[' (or a broken line) after this point");
        }
        if (stream.Documents.Count == 0) throw new ScenarioException(new SourceLocation(file, 1, 1), "the file is empty (only comments); expected a scenario mapping (name, duration, runtimes, functions, models)");
        if (stream.Documents.Count > 1) throw new ScenarioException(Loc(file, stream.Documents[1].RootNode), "expected one YAML document, found several");
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ScenarioException(Loc(file, stream.Documents[0].RootNode), "expected a mapping at the top level (name: ..., duration: ..., ...)");
        return root;
    }

    private static SourceLocation LastGoodMark(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var last = new SourceLocation(file, 1, 1);
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } ev) last = new SourceLocation(file, (int)ev.Start.Line, (int)ev.Start.Column);
        }
        catch (Exception)
        {
            // the point of failure is what we want
        }
        return last;
    }

    /// <summary>
    /// <c>cluster:</c> either one node (<c>memory</c>), or <c>nodes: N</c> alike nodes
    /// (<c>node_memory</c>, optional <c>node_cores</c>), or <c>nodes:</c> a list of
    /// <c>{name, memory, cores, count}</c>; plus <c>placement</c>.
    /// </summary>
    private static ClusterSpec ParseCluster(Map c, List<RuntimeSpec> runtimes, List<FunctionSpec> functions)
    {
        c.RejectUnknown(["memory", "nodes", "node_memory", "node_cores", "placement"]);
        long largest = Math.Max(runtimes.Max(r => r.MemoryBytes), functions.Count == 0 ? 0 : functions.Max(f => f.MemoryBytes));
        long NodeMemory(Map m, string key)
        {
            if (!m.Has(key)) return long.MaxValue;
            string raw = m.Scalar(key);
            return raw is "unlimited" or "inf" ? long.MaxValue : m.Memory(key, 0);
        }
        var placement = PlacementRule.FirstFit;
        if (c.Has("placement"))
        {
            string raw = c.Scalar("placement");
            placement = raw switch
            {
                "first-fit" => PlacementRule.FirstFit,
                "best-fit" => PlacementRule.BestFit,
                "worst-fit" => PlacementRule.WorstFit,
                "round-robin" => PlacementRule.RoundRobin,
                "affinity" => PlacementRule.Affinity,
                _ => throw c.Error("placement", $"cluster: unknown placement '{raw}'; expected one of: first-fit, best-fit, worst-fit, round-robin, affinity"),
            };
        }
        var nodes = new List<NodeSpec>();
        if (!c.Has("nodes"))
        {
            foreach (var k in new[] { "node_memory", "node_cores" })
                if (c.Has(k)) throw c.Error(k, $"cluster: '{k}' needs 'nodes' (a count or a list)");
            nodes.Add(new NodeSpec("node0", NodeMemory(c, "memory"), 0));
        }
        else
        {
            if (c.Has("memory")) throw c.Error("memory", "cluster: give either 'memory' (one node) or 'nodes', not both");
            if (c.IsScalar("nodes"))
            {
                int count = c.Int("nodes", 1, 1, 100_000);
                if (!c.Has("node_memory")) throw c.Error("nodes", "cluster: 'nodes: N' needs 'node_memory' (e.g. 4GiB, or unlimited)");
                long mem = NodeMemory(c, "node_memory");
                int cores = c.Int("node_cores", 0, 1, 1_000_000);
                for (int i = 0; i < count; i++) nodes.Add(new NodeSpec("node" + i.ToString(CultureInfo.InvariantCulture), mem, cores));
            }
            else
            {
                foreach (var k in new[] { "node_memory", "node_cores" })
                    if (c.Has(k)) throw c.Error(k, $"cluster: '{k}' goes with 'nodes: N'; with a list of nodes give each its memory and cores");
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var n in c.MapList("nodes", required: true))
                {
                    n.RejectUnknown(["name", "memory", "cores", "count"]);
                    if (!n.Has("memory")) throw new ScenarioException(n.Location, "node: missing required key 'memory' (e.g. 4GiB, or unlimited)");
                    long mem = NodeMemory(n, "memory");
                    int cores = n.Int("cores", 0, 1, 1_000_000);
                    int count = n.Int("count", 1, 1, 100_000);
                    string name = n.Has("name") ? n.Name("name") : "node" + nodes.Count.ToString(CultureInfo.InvariantCulture);
                    for (int i = 0; i < count; i++)
                    {
                        string full = count == 1 ? name : name + "-" + i.ToString(CultureInfo.InvariantCulture);
                        if (!names.Add(full)) throw n.Error(n.Has("name") ? "name" : "memory", $"node: name '{full}' is used twice");
                        nodes.Add(new NodeSpec(full, mem, cores));
                    }
                }
            }
        }
        var cluster = new ClusterSpec(nodes, placement);
        long biggestNode = cluster.LargestNodeBytes;
        if (largest > biggestNode)
        {
            string key = c.Has("memory") ? "memory" : c.Has("node_memory") ? "node_memory" : c.Has("nodes") ? "nodes" : "memory";
            string where = nodes.Count == 1 ? "cluster memory" : "the largest node's memory";
            throw c.Error(key, $"{where} {Units.FormatMemory(biggestNode)} is smaller than the largest container ({Units.FormatMemory(largest)}): no call could ever run");
        }
        return cluster;
    }

    internal static SourceLocation Loc(string file, YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>
    /// A YAML mapping with typed, located getters for the scenario's own keys (messages
    /// <c>what: 'key' ...</c>); the options of models, distributions, arrivals and traces go through
    /// <see cref="OptionBag"/> and the one <see cref="OptionReader"/> (messages <c>option 'key': ...</c>).
    /// Both parse numbers and units by the same rules (<see cref="OptionReader.TryParseInt"/>, <see cref="Units"/>).
    /// </summary>
    private sealed class Map(YamlMappingNode node, string file, string what)
    {
        public SourceLocation Location => Loc(file, node);

        private YamlNode? Get(string key)
        {
            foreach (var (k, v) in node.Children)
                if (k is YamlScalarNode s && s.Value == key) return v;
            return null;
        }

        public bool Has(string key) => Get(key) is not null;

        public bool IsScalar(string key) => Get(key) is YamlScalarNode;

        public ScenarioException Error(string key, string problem) =>
            new(Get(key) is { } n ? Loc(file, n) : Location, problem);

        public void RejectUnknown(string[] known)
        {
            var seen = new HashSet<string>();
            foreach (var (k, _) in node.Children)
            {
                string key = (k as YamlScalarNode)?.Value ?? "";
                if (!seen.Add(key)) throw new ScenarioException(Loc(file, k), $"{what}: key '{key}' appears twice");
                if (Array.IndexOf(known, key) < 0)
                    throw new ScenarioException(Loc(file, k), $"{what}: unknown key '{key}'; expected one of: {string.Join(", ", known)}");
            }
        }

        public string Scalar(string key)
        {
            var n = Get(key) ?? throw new ScenarioException(Location, $"{what}: missing required key '{key}'");
            if (n is not YamlScalarNode s || string.IsNullOrWhiteSpace(s.Value))
                throw new ScenarioException(Loc(file, n), $"{what}: '{key}' must be a non-empty value");
            return s.Value!.Trim();
        }

        public string? OptionalScalar(string key) => Has(key) ? Scalar(key) : null;

        public string Name(string key)
        {
            string v = Scalar(key);
            if (!NamePattern().IsMatch(v))
                throw Error(key, $"{what}: '{key}' must be lowercase letters, digits, '.', '_' or '-' (starting with a letter or digit), got '{v}'");
            return v;
        }

        public SimDuration Duration(string key, SimDuration? fallback)
        {
            if (!Has(key))
                return fallback ?? throw new ScenarioException(Location, $"{what}: missing required key '{key}' (a duration such as 10m)");
            var d = Units.TryParseDuration(Scalar(key), out var err);
            return d ?? throw Error(key, $"{what}: '{key}': {err}");
        }

        public long Memory(string key, long fallback)
        {
            if (!Has(key)) return fallback;
            var m = Units.TryParseMemory(Scalar(key), out var err);
            return m ?? throw Error(key, $"{what}: '{key}': {err}");
        }

        public int Int(string key, int fallback, int min, int max)
        {
            if (!Has(key)) return fallback;
            string raw = Scalar(key);
            if (!OptionReader.TryParseInt(raw, out int v) || v < min || v > max)
                throw Error(key, $"{what}: '{key}' must be a whole number in [{min}, {max}], got '{raw}'");
            return v;
        }

        public ulong UInt64(string key, ulong fallback)
        {
            if (!Has(key)) return fallback;
            string raw = Scalar(key);
            if (!ulong.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v))
                throw Error(key, $"{what}: '{key}' must be a non-negative whole number, got '{raw}'");
            return v;
        }

        public Map SubMap(string key)
        {
            var n = Get(key) ?? throw new ScenarioException(Location, $"{what}: missing required key '{key}'");
            if (n is not YamlMappingNode m) throw new ScenarioException(Loc(file, n), $"{what}: '{key}' must be a mapping");
            return new Map(m, file, key);
        }

        public IEnumerable<Map> MapList(string key, bool required)
        {
            var n = Get(key);
            if (n is null)
            {
                if (required) throw new ScenarioException(Location, $"{what}: missing required key '{key}' (a list)");
                yield break;
            }
            if (n is not YamlSequenceNode seq) throw new ScenarioException(Loc(file, n), $"{what}: '{key}' must be a list (items starting with '- ')");
            if (seq.Children.Count == 0) throw new ScenarioException(Loc(file, n), $"{what}: '{key}' must not be empty");
            foreach (var item in seq.Children)
            {
                if (item is not YamlMappingNode m) throw new ScenarioException(Loc(file, item), $"{key}: each item must be a mapping");
                yield return new Map(m, file, key.TrimEnd('s'));
            }
        }

        /// <summary>A nested mapping of scalars as an option bag (e.g. a distribution).</summary>
        public OptionBag Bag(string key)
        {
            var n = Get(key) ?? throw new ScenarioException(Location, $"{what}: missing required key '{key}'");
            if (n is not YamlMappingNode m) throw new ScenarioException(Loc(file, n), $"{what}: '{key}' must be a mapping such as {{dist: exponential, mean: 200ms}}");
            return new Map(m, file, key).BagExcept();
        }

        public OptionBag BagExcept(params string[] skip)
        {
            var b = ImmutableSortedDictionary.CreateBuilder<string, OptionBag.Entry>(StringComparer.Ordinal);
            foreach (var (k, v) in node.Children)
            {
                string key = ((YamlScalarNode)k).Value ?? "";
                if (Array.IndexOf(skip, key) >= 0) continue;
                if (v is not YamlScalarNode s) throw new ScenarioException(Loc(file, v), $"{what}: '{key}' must be a single value");
                if (b.ContainsKey(key)) throw new ScenarioException(Loc(file, k), $"{what}: key '{key}' appears twice");
                b[key] = new OptionBag.Entry(s.Value ?? "", Loc(file, v));
            }
            return new OptionBag(b.ToImmutable(), Location);
        }

        /// <summary>
        /// A mapping as an option bag where one level of nesting is flattened (<c>runtime: {http: node}</c>
        /// becomes <c>runtime.http</c>) and a list of scalars is joined with newlines (file lists).
        /// </summary>
        public OptionBag FlatBag(string key)
        {
            var n = Get(key) ?? throw new ScenarioException(Location, $"{what}: missing required key '{key}'");
            if (n is not YamlMappingNode m) throw new ScenarioException(Loc(file, n), $"{what}: '{key}' must be a mapping such as {{trace: azure2019, invocations: traces/inv.csv, ...}}");
            var b = ImmutableSortedDictionary.CreateBuilder<string, OptionBag.Entry>(StringComparer.Ordinal);
            void Add(YamlNode k, string name, OptionBag.Entry e)
            {
                if (b.ContainsKey(name)) throw new ScenarioException(Loc(file, k), $"{key}: key '{name}' appears twice");
                b[name] = e;
            }
            foreach (var (k, v) in m.Children)
            {
                string name = ((YamlScalarNode)k).Value ?? "";
                switch (v)
                {
                    case YamlScalarNode s:
                        Add(k, name, new OptionBag.Entry(s.Value ?? "", Loc(file, v)));
                        break;
                    case YamlSequenceNode seq:
                        if (seq.Children.Any(c => c is not YamlScalarNode)) throw new ScenarioException(Loc(file, v), $"{key}: '{name}' must be a list of single values");
                        Add(k, name, new OptionBag.Entry(string.Join("\n", seq.Children.Select(c => ((YamlScalarNode)c).Value)), Loc(file, v)));
                        break;
                    case YamlMappingNode sub:
                        foreach (var (k2, v2) in sub.Children)
                        {
                            if (v2 is not YamlScalarNode s2) throw new ScenarioException(Loc(file, v2), $"{key}: '{name}.{((YamlScalarNode)k2).Value}' must be a single value");
                            Add(k2, name + "." + ((YamlScalarNode)k2).Value, new OptionBag.Entry(s2.Value ?? "", Loc(file, v2)));
                        }
                        break;
                }
            }
            return new OptionBag(b.ToImmutable(), Loc(file, n));
        }

        /// <summary>
        /// A start-contention mapping of level k (whole number ≥ 1, must include 1) to the median start
        /// time with k starts at once, e.g. <c>{1: 1.07s, 2: 1.86s, 4: 3.43s}</c>.
        /// </summary>
        public StartContention Contention(string key)
        {
            var n = Get(key)!;
            const string example = "such as {1: 1.07s, 2: 1.86s, 4: 3.43s} (median start time with k starts at once)";
            if (n is not YamlMappingNode m || m.Children.Count == 0)
                throw new ScenarioException(Loc(file, n), $"{what}: '{key}' must be a mapping of starts at once to median start time, {example}");
            var points = new List<(int, long)>();
            var seen = new HashSet<int>();
            foreach (var (k, v) in m.Children)
            {
                string raw = (k as YamlScalarNode)?.Value ?? "";
                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int level) || level < 1 || level > 10_000)
                    throw new ScenarioException(Loc(file, k), $"{what}: '{key}': level '{raw}' must be a whole number of starts at once in [1, 10000], {example}");
                if (!seen.Add(level)) throw new ScenarioException(Loc(file, k), $"{what}: '{key}': level {level} appears twice");
                if (v is not YamlScalarNode vs) throw new ScenarioException(Loc(file, v), $"{what}: '{key}': the value of level {level} must be a duration such as 1.2s");
                var d = Units.TryParseDuration(vs.Value ?? "", out var err);
                if (d is null) throw new ScenarioException(Loc(file, v), $"{what}: '{key}': level {level}: {err}");
                if (d.Value.Micros <= 0 || d.Value.IsInfinite)
                    throw new ScenarioException(Loc(file, v), $"{what}: '{key}': level {level}: the median start time must be finite and greater than zero, got '{vs.Value}'");
                points.Add((level, d.Value.Micros));
            }
            if (!seen.Contains(1)) throw new ScenarioException(Loc(file, n), $"{what}: '{key}' must include level 1 (the start time alone), which the other levels are relative to");
            return new StartContention(points);
        }

        public DurationDistribution Distribution(string key, DurationDistribution? fallback)
        {
            if (!Has(key))
                return fallback ?? throw new ScenarioException(Location, $"{what}: missing required key '{key}' (a distribution such as {{dist: exponential, mean: 200ms}})");
            return DistributionParser.Parse(Bag(key), $"{what} '{key}'");
        }
    }
}
