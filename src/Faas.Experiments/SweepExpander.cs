using System.Globalization;
using System.Text.RegularExpressions;
using Faas.Engine;
using Faas.Scenarios;
using Faas.Workloads;

namespace Faas.Experiments;

/// <summary>
/// Turns a scenario's <c>sweep:</c> axes into the full grid of points, each a validated
/// scenario. Grid order is fixed by the file alone: axes in the order written, the first axis
/// slowest and the last fastest, values in the order written; so the plan, the CSV rows and
/// the seeds never depend on the number of workers.
/// <para>
/// Column names (<see cref="SweepParameter.Name"/>) come from the path: its last key, prefixed
/// by the key before it when the last one only names a parameter of something
/// (<c>exec.mean</c> → <c>exec_mean</c>, <c>cluster.memory</c> → <c>cluster_memory</c>), with
/// <c>functions.&lt;f&gt;.count</c> called <c>functions</c>; then a unit suffix: <c>_s</c> for
/// durations, <c>_gb</c> for memory. When two axes would get the same name, more of their
/// paths is used.
/// </para>
/// </summary>
public static partial class SweepExpander
{
    /// <summary>Last keys that mean little alone: the key before them is kept in the column name.</summary>
    private static readonly HashSet<string> QualifiedKeys = new(StringComparer.Ordinal)
    {
        "value", "mean", "median", "p99", "min", "max", "cv", "stddev", "mu", "sigma", "shape", "scale", "memory",
    };

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NonIdentifier();

    /// <summary>Gives each axis its column name and numeric values; fails at the first value that is not a number, duration or memory size (all of one kind per axis).</summary>
    public static IReadOnlyList<SweepParameter> Parameters(IReadOnlyList<SweepAxis> axes)
    {
        var kinds = axes.Select(KindOf).ToList();
        var names = new string[axes.Count];
        var depth = new int[axes.Count];
        for (int i = 0; i < axes.Count; i++) depth[i] = 1;
        // Widen names that collide until they are unique (or the whole path is used).
        for (int round = 0; round < 16; round++)
        {
            for (int i = 0; i < axes.Count; i++) names[i] = BaseName(axes[i].Path, depth[i]) + Suffix(kinds[i].Kind);
            var clashes = names.Select((n, i) => (n, i)).GroupBy(x => x.n).Where(g => g.Count() > 1).SelectMany(g => g.Select(x => x.i)).ToList();
            if (clashes.Count == 0) break;
            foreach (int i in clashes) depth[i]++;
        }
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            var second = axes[Array.LastIndexOf(names, dup.Key)];
            throw new ScenarioException(second.Location, $"sweep '{second.Path}': its column name 'param_{dup.Key}' collides with another axis");
        }
        return axes.Select((a, i) => new SweepParameter(a, names[i], kinds[i].Kind, kinds[i].Values)).ToList();
    }

    /// <summary>
    /// All points of the grid over <paramref name="parameters"/>, each loaded from
    /// <paramref name="text"/> with its values applied and checked (models and their options
    /// included). A value the scenario rejects is reported at that value; a combination it
    /// rejects, at the first axis with the point named.
    /// </summary>
    public static IReadOnlyList<SweepPoint> Expand(string text, string file, IReadOnlyList<SweepParameter> parameters)
    {
        if (parameters.Count == 0)
        {
            var s = ScenarioLoader.Load(text, file);
            s.ValidateModels();
            return [new SweepPoint(0, [], s)];
        }

        // Each value alone first, so an error points at the value that causes it.
        foreach (var p in parameters)
        {
            for (int v = 0; v < p.Axis.Values.Count; v++)
            {
                var value = p.Axis.Values[v];
                LoadPoint(text, file, [new SweepSetting(p, v)], value.Location, $"sweep '{p.Path}' value '{value.Raw}'");
            }
        }

        var points = new List<SweepPoint>();
        var index = new int[parameters.Count];
        while (true)
        {
            var settings = parameters.Select((p, i) => new SweepSetting(p, index[i])).ToList();
            var scenario = LoadPoint(text, file, settings, parameters[0].Axis.Location, $"sweep point {string.Join(", ", settings)}");
            points.Add(new SweepPoint(points.Count, settings, scenario));
            int k = parameters.Count - 1;
            while (k >= 0 && ++index[k] == parameters[k].Axis.Values.Count) index[k--] = 0;
            if (k < 0) break;
        }
        return points;
    }

    private static Scenario LoadPoint(string text, string file, IReadOnlyList<SweepSetting> settings, SourceLocation blame, string what)
    {
        var overrides = settings.Select(s => new ScenarioOverride(s.Parameter.Path, s.Raw, s.Parameter.Axis.Values[s.ValueIndex].Location)).ToList();
        try
        {
            var scenario = ScenarioLoader.Load(text, file, overrides);
            scenario.ValidateModels();
            return scenario;
        }
        catch (ScenarioException e)
        {
            // Inserted values have no line of their own: the error is placed at the sweep value,
            // and a place in the file that the value made invalid is named after the problem.
            string where = e.Location.Line > 0 ? $" (at {e.Location})" : "";
            throw new ScenarioException(blame, $"{what}: {e.Problem}{where}");
        }
    }

    private static (SweepValueKind Kind, IReadOnlyList<double> Values) KindOf(SweepAxis axis)
    {
        var first = axis.Values[0];
        SweepValueKind kind = double.TryParse(first.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? SweepValueKind.Number
            : Units.TryParseDuration(first.Raw, out _) is not null ? SweepValueKind.Duration
            : Units.TryParseMemory(first.Raw, out _) is not null ? SweepValueKind.Memory
            : throw new ScenarioException(first.Location, $"sweep '{axis.Path}': '{first.Raw}' is not a number, a duration (e.g. 5m) or a memory size (e.g. 8GiB); sweeps take numeric values only (they become param_* columns)");
        var values = new List<double>();
        foreach (var v in axis.Values)
        {
            double? x = kind switch
            {
                SweepValueKind.Number => double.TryParse(v.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? d : null,
                SweepValueKind.Duration => Units.TryParseDuration(v.Raw, out _) is { IsInfinite: false } dur ? dur.Seconds : null,
                _ => Units.TryParseMemory(v.Raw, out _) is { } bytes ? bytes / (double)(1L << 30) : null,
            };
            if (x is null)
                throw new ScenarioException(v.Location, $"sweep '{axis.Path}': '{v.Raw}' is not a finite {KindName(kind)} like the axis's first value '{first.Raw}'; all values of one axis must be of one kind");
            values.Add(x.Value);
        }
        return (kind, values);
    }

    private static string KindName(SweepValueKind k) => k switch
    {
        SweepValueKind.Number => "number",
        SweepValueKind.Duration => "duration",
        _ => "memory size",
    };

    private static string Suffix(SweepValueKind k) => k switch
    {
        SweepValueKind.Duration => "_s",
        SweepValueKind.Memory => "_gb",
        _ => "",
    };

    /// <summary>The name from the last <paramref name="depth"/> keys of <paramref name="path"/> (one more for qualified keys).</summary>
    private static string BaseName(string path, int depth)
    {
        var seg = path.Split('.');
        if (depth == 1 && seg.Length == 3 && seg[0] == "functions" && seg[2] == "count") return "functions";
        if (QualifiedKeys.Contains(seg[^1])) depth++;
        depth = Math.Min(depth, seg.Length);
        string name = string.Join("_", seg[^depth..]).ToLowerInvariant();
        return NonIdentifier().Replace(name, "_").Trim('_');
    }
}
