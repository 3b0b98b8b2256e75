using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Faas.Engine;
using Faas.Workloads;
using Faas.Workloads.Distributions;
using YamlDotNet.RepresentationModel;

namespace Faas.Scenarios;

/// <summary>
/// A machine's measured start-up costs per runtime (written by <c>faas-sim calibrate</c>). A scenario
/// refers to one with the top-level key <c>calibration: profile.yaml</c> (relative to the scenario
/// file); for every runtime the profile names, its <c>cold_start</c> and <c>init</c> replace the
/// scenario's (the profile wins; runtimes the profile does not name keep the scenario's values), and
/// so do, when the profile has them, its start contention (<c>cold_start_median_by_concurrency</c> →
/// <see cref="RuntimeSpec.StartContention"/>) and dispatch overheads (<c>warm_dispatch</c>,
/// <c>prewarm_dispatch</c> → <see cref="RuntimeSpec.WarmDispatch"/>, <see cref="RuntimeSpec.PrewarmDispatch"/>).
/// <c>removal</c> is kept for reports; the simulator does not use it.
/// </summary>
public sealed record CalibrationProfile(string Machine, string Created, int Samples, IReadOnlyList<RuntimeCalibration> Runtimes)
{
    /// <summary>The calibration of runtime <paramref name="name"/>, or null.</summary>
    public RuntimeCalibration? Find(string name) => Runtimes.FirstOrDefault(r => r.Name == name);

    /// <summary>The scenario with the profile's cold_start/init, start contention and dispatch overheads for the runtimes it names.</summary>
    public Scenario ApplyTo(Scenario scenario, string profilePath) =>
        scenario with
        {
            Runtimes = scenario.Runtimes.Select(r => Find(r.Name) is { } c ? c.ApplyTo(r) : r).ToList(),
            CalibrationPath = Path.GetFullPath(profilePath),
        };

    /// <summary>Reads a profile; every problem is a <see cref="ScenarioException"/> naming file and line.</summary>
    public static CalibrationProfile LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException(new SourceLocation(path, 0, 0), "calibration profile not found");
        var stream = new YamlStream();
        try { stream.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlDotNet.Core.YamlException e) { throw new ScenarioException(new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column), $"invalid YAML: {e.Message}"); }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ScenarioException(new SourceLocation(path, 1, 1), "expected one mapping (machine, created, samples, runtimes)");
        string Scalar(YamlMappingNode m, string key, string? fallback = null)
        {
            if (m.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s && s.Value is { } t) return t;
            return fallback ?? throw new ScenarioException(ScenarioLoader.Loc(path, m), $"calibration profile: missing '{key}'");
        }
        DurationDistribution Dist(YamlMappingNode m, string key, string what)
        {
            if (!m.Children.TryGetValue(new YamlScalarNode(key), out var v) || v is not YamlMappingNode dm)
                throw new ScenarioException(ScenarioLoader.Loc(path, m), $"calibration profile: {what}: missing mapping '{key}'");
            var b = ImmutableSortedDictionary.CreateBuilder<string, OptionBag.Entry>(StringComparer.Ordinal);
            foreach (var (k, val) in dm.Children)
                b[((YamlScalarNode)k).Value ?? ""] = new OptionBag.Entry((val as YamlScalarNode)?.Value ?? "", ScenarioLoader.Loc(path, val));
            return DistributionParser.Parse(new OptionBag(b.ToImmutable(), ScenarioLoader.Loc(path, dm)), $"calibration {what} '{key}'");
        }
        var runtimes = new List<RuntimeCalibration>();
        if (!root.Children.TryGetValue(new YamlScalarNode("runtimes"), out var rn) || rn is not YamlMappingNode rmap || rmap.Children.Count == 0)
            throw new ScenarioException(ScenarioLoader.Loc(path, root), "calibration profile: 'runtimes' must be a non-empty mapping of runtime name to measurements");
        foreach (var (k, v) in rmap.Children)
        {
            string name = ((YamlScalarNode)k).Value ?? "";
            if (v is not YamlMappingNode m) throw new ScenarioException(ScenarioLoader.Loc(path, v), $"calibration profile: runtime '{name}' must be a mapping");
            var extra = new Dictionary<string, DurationDistribution>(StringComparer.Ordinal);
            foreach (var key in RuntimeCalibration.ExtraKeys)
                if (m.Children.ContainsKey(new YamlScalarNode(key))) extra[key] = Dist(m, key, name);
            var conc = new SortedDictionary<int, double>();
            if (m.Children.TryGetValue(new YamlScalarNode("cold_start_median_by_concurrency"), out var cn) && cn is YamlMappingNode cm)
                foreach (var (ck, cv) in cm.Children)
                {
                    var d = Units.TryParseDuration(((YamlScalarNode)cv).Value ?? "", out var err) ?? throw new ScenarioException(ScenarioLoader.Loc(path, cv), $"calibration profile: {err}");
                    conc[int.Parse(((YamlScalarNode)ck).Value!, CultureInfo.InvariantCulture)] = d.Seconds * 1000;
                }
            runtimes.Add(new RuntimeCalibration(name, Scalar(m, "image", "faas-runtime-" + name), Dist(m, "cold_start", name), Dist(m, "init", name), extra, conc));
        }
        return new CalibrationProfile(Scalar(root, "machine", ""), Scalar(root, "created", ""),
            int.Parse(Scalar(root, "samples", "0"), CultureInfo.InvariantCulture), runtimes);
    }

    /// <summary>Writes the profile as YAML (distributions in the scenario vocabulary, e.g. <c>{dist: lognormal, median: 412.5ms, p99: 650ms}</c>).</summary>
    public void Save(string path)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# faas-sim calibration profile (faas-sim calibrate). Reference it from a scenario with");
        sb.AppendLine("# 'calibration: <this file>': for these runtimes cold_start, init, warm_dispatch, prewarm_dispatch");
        sb.AppendLine("# (overhead beyond the code injection) and cold_start_median_by_concurrency (start contention)");
        sb.AppendLine("# replace the scenario's; removal is measured for reports only.");
        sb.AppendLine(Inv($"machine: \"{Machine}\""));
        sb.AppendLine(Inv($"created: \"{Created}\""));
        sb.AppendLine(Inv($"samples: {Samples}"));
        sb.AppendLine("runtimes:");
        foreach (var r in Runtimes)
        {
            sb.AppendLine(Inv($"  {r.Name}:"));
            sb.AppendLine(Inv($"    image: {r.Image}"));
            sb.AppendLine(Inv($"    cold_start: {Yaml(r.ColdStart)}"));
            sb.AppendLine(Inv($"    init: {Yaml(r.Init)}"));
            foreach (var (k, d) in r.Extra.OrderBy(x => x.Key, StringComparer.Ordinal)) sb.AppendLine(Inv($"    {k}: {Yaml(d)}"));
            if (r.ColdStartMedianByConcurrency.Count > 0)
                sb.AppendLine("    cold_start_median_by_concurrency: {" + string.Join(", ", r.ColdStartMedianByConcurrency.Select(x => Inv($"{x.Key}: {Ms(x.Value)}"))) + "}");
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path, sb.ToString());
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static string Yaml(DurationDistribution d) => d switch
    {
        LogNormalDistribution l => $"{{dist: lognormal, median: {Ms(Math.Exp(l.Mu) * 1000)}, p99: {Ms(Math.Exp(l.Mu + LogNormalDistribution.Z99 * l.Sigma) * 1000)}}}",
        ConstantDistribution c => $"{{dist: constant, value: {Ms(c.MeanSeconds * 1000)}}}",
        _ => throw new NotSupportedException($"cannot write {d.Describe()} into a profile"),
    };
}

/// <summary>One runtime's measurements. <see cref="ColdStart"/> = container create + start until its agent answers; <see cref="Init"/> = code injection.</summary>
/// <param name="Extra">
/// Other fitted measurements: <c>warm_dispatch</c> (whole latency of a warm no-op call: the platform's overhead on top of
/// a function's own execution time, agent round trip included), <c>prewarm_dispatch</c> (prewarm no-op calls: total − init,
/// the overhead beyond the code injection), <c>removal</c>. Profiles written before 2026-11-29 15:00 UTC measured
/// total − exec for both (so they miss the agent round trip, ~2 ms, and count the injection twice for prewarm calls).
/// </param>
/// <param name="ColdStartMedianByConcurrency">Median start time (ms) with k starts issued at once.</param>
public sealed record RuntimeCalibration(
    string Name,
    string Image,
    DurationDistribution ColdStart,
    DurationDistribution Init,
    IReadOnlyDictionary<string, DurationDistribution> Extra,
    IReadOnlyDictionary<int, double> ColdStartMedianByConcurrency)
{
    public static readonly string[] ExtraKeys = ["warm_dispatch", "prewarm_dispatch", "removal"];

    /// <summary>Start contention from <see cref="ColdStartMedianByConcurrency"/> (null without level 1 and another level).</summary>
    public StartContention? StartContention => StartContention.FromMedians(ColdStartMedianByConcurrency);

    /// <summary>
    /// <paramref name="runtime"/> with this calibration: cold_start and init always; start contention and
    /// warm/prewarm dispatch when measured (else the runtime's own are kept).
    /// </summary>
    public RuntimeSpec ApplyTo(RuntimeSpec runtime) =>
        runtime with
        {
            ColdStart = ColdStart,
            Init = Init,
            StartContention = StartContention ?? runtime.StartContention,
            WarmDispatch = Extra.TryGetValue("warm_dispatch", out var w) ? w : runtime.WarmDispatch,
            PrewarmDispatch = Extra.TryGetValue("prewarm_dispatch", out var p) ? p : runtime.PrewarmDispatch,
        };
}
