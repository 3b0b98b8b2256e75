using System.Globalization;
using Faas.Workloads;
using YamlDotNet.RepresentationModel;

namespace Faas.Scenarios;

/// <summary>
/// The experiment keys of a scenario file, kept apart from the workload vocabulary:
/// <list type="bullet">
/// <item><c>claim:</c> which claim(s) of the seed design (1–5) the scenario tests, e.g. <c>claim: 3</c>
/// or <c>claim: [1]</c>; the report groups its verdicts by it.</item>
/// <item><c>sweep:</c> a grid over scalars of the scenario, a mapping from a dotted path to the
/// values it takes, e.g. <c>functions.fn.arrivals.mean_interval: [1m, 5m, 15m]</c>. A path walks
/// mapping keys, and list items by name: <c>runtimes.python.cold_start.median</c>,
/// <c>functions.fn.count</c>, <c>models.keep-alive.ttl</c> (a model by its label, else its model
/// name), <c>cluster.memory</c>, <c>duration</c>. The last key may be absent (it is added).</item>
/// </list>
/// The plain <see cref="Load(string, string)"/> accepts both keys and ignores them; the
/// experiment layer reads them with <see cref="ReadClaims"/> and <see cref="ReadSweep"/> and
/// loads each sweep point with <see cref="Load(string, string, IReadOnlyList{ScenarioOverride})"/>.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>The seed design's claims, numbered as in its README.</summary>
    public const int MaxClaim = 5;

    /// <summary>More grid points than this is almost certainly a mistake (and hours of runs).</summary>
    public const int MaxSweepPoints = 10_000;

    /// <summary>Top-level keys a sweep may not change: they name the experiment or are set per replication.</summary>
    private static readonly string[] UnsweepableKeys = ["name", "description", "seed", "replications", "sweep", "claim"];

    /// <summary>Parameter keys of a list item that identify it in a sweep path.</summary>
    private static readonly string[] ItemIdKeys = ["label", "name", "model"];

    /// <summary>The claims the scenario declares with <c>claim:</c> (empty when it has none), ascending and distinct.</summary>
    public static IReadOnlyList<int> ReadClaims(string text, string file)
    {
        var root = Parse(text, file);
        var node = Child(root, "claim");
        if (node is null) return [];
        var items = node switch
        {
            YamlScalarNode s => [s],
            YamlSequenceNode seq when seq.Children.Count > 0 => seq.Children.ToList(),
            _ => throw new ScenarioException(Loc(file, node), $"'claim' must be a claim number (1–{MaxClaim}) or a list of them, e.g. claim: 3"),
        };
        var claims = new SortedSet<int>();
        foreach (var item in items)
        {
            if (item is not YamlScalarNode s || !int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) || c < 1 || c > MaxClaim)
                throw new ScenarioException(Loc(file, item), $"'claim': expected a claim number of the seed design, 1 to {MaxClaim}, got '{(item as YamlScalarNode)?.Value ?? item.NodeType.ToString()}'");
            claims.Add(c);
        }
        return claims.ToList();
    }

    /// <summary>
    /// The axes of the scenario's <c>sweep:</c> grid in the order written (empty when it has
    /// none). Each path is checked against the scenario (it must lead to a scalar, or to an
    /// absent key of a mapping); values are checked when the points are loaded.
    /// </summary>
    public static IReadOnlyList<SweepAxis> ReadSweep(string text, string file)
    {
        var root = Parse(text, file);
        var node = Child(root, "sweep");
        if (node is null) return [];
        if (node is not YamlMappingNode map || map.Children.Count == 0)
            throw new ScenarioException(Loc(file, node), "'sweep' must be a mapping from a dotted path to a list of values, e.g. sweep: {functions.fn.count: [5, 20, 80]}");
        var axes = new List<SweepAxis>();
        long points = 1;
        foreach (var (k, v) in map.Children)
        {
            var keyLoc = Loc(file, k);
            string path = (k as YamlScalarNode)?.Value?.Trim() ?? "";
            if (path.Length == 0) throw new ScenarioException(keyLoc, "sweep: each key must be a dotted path such as functions.fn.count");
            if (axes.Any(a => a.Path == path)) throw new ScenarioException(keyLoc, $"sweep: path '{path}' appears twice");
            if (v is not YamlSequenceNode seq || seq.Children.Count == 0)
                throw new ScenarioException(Loc(file, v), $"sweep '{path}': expected a non-empty list of values, e.g. [1m, 5m, 15m]");
            var values = new List<SweepValue>();
            foreach (var item in seq.Children)
            {
                if (item is not YamlScalarNode s || string.IsNullOrWhiteSpace(s.Value))
                    throw new ScenarioException(Loc(file, item), $"sweep '{path}': each value must be a single non-empty value (a number, duration or memory size)");
                string raw = s.Value!.Trim();
                if (values.Any(x => x.Raw == raw)) throw new ScenarioException(Loc(file, item), $"sweep '{path}': value '{raw}' appears twice");
                values.Add(new SweepValue(raw, Loc(file, item)));
            }
            Resolve(root, path, keyLoc); // the tree is this method's own copy
            axes.Add(new SweepAxis(path, values, keyLoc));
            points *= values.Count;
            if (points > MaxSweepPoints)
                throw new ScenarioException(keyLoc, $"sweep: the grid has more than {MaxSweepPoints} points; sweep fewer values");
        }
        return axes;
    }

    /// <summary>
    /// Loads and validates the scenario with <paramref name="overrides"/> applied to its text
    /// first (in order). A path that leads nowhere is reported at the override's location;
    /// a value the scenario rejects is reported as the loader reports it.
    /// </summary>
    public static Scenario Load(string text, string file, IReadOnlyList<ScenarioOverride> overrides)
    {
        var root = Parse(text, file);
        foreach (var o in overrides)
        {
            var (parent, key) = Resolve(root, o.Path, o.Location);
            var existing = parent.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key);
            parent.Children[existing ?? new YamlScalarNode(key)] = new YamlScalarNode(o.Raw);
        }
        return FromRoot(root, file);
    }

    private static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    /// <summary>
    /// Walks <paramref name="path"/> from the top-level mapping to the mapping that holds its last
    /// key. List items are matched by label, name or model name; a name may itself contain dots.
    /// Missing intermediate mappings are added to the tree.
    /// </summary>
    private static (YamlMappingNode Parent, string Key) Resolve(YamlMappingNode root, string path, SourceLocation at)
    {
        var segments = path.Split('.');
        if (segments.Any(s => s.Length == 0))
            throw new ScenarioException(at, $"sweep path '{path}': empty segment; write keys separated by single dots, e.g. functions.fn.count");
        if (Array.IndexOf(UnsweepableKeys, segments[0]) >= 0)
            throw new ScenarioException(at, $"sweep path '{path}': '{segments[0]}' cannot be swept (use replications for more seeds)");

        YamlNode node = root;
        string walked = "";
        int i = 0;
        while (true)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    {
                        string key = segments[i];
                        var child = Child(map, key);
                        if (i == segments.Length - 1)
                        {
                            if (child is not null and not YamlScalarNode)
                                throw new ScenarioException(at, $"sweep path '{path}' leads to a {Kind(child)}, not a single value; name one of its keys, e.g. '{path}.{FirstKey(child)}'");
                            return (map, key);
                        }
                        if (child is null)
                        {
                            // An absent mapping is added (e.g. cluster.memory without a cluster key; the
                            // loader then judges it), but at the top only under a known key, so that a
                            // misspelt first segment is reported here.
                            if (map == root && Array.IndexOf(TopKeys, key) < 0)
                            {
                                string known = string.Join(", ", map.Children.Keys.OfType<YamlScalarNode>().Select(s => s.Value));
                                throw new ScenarioException(at, $"sweep path '{path}': the scenario has no key '{key}'; it has: {known}");
                            }
                            child = new YamlMappingNode();
                            map.Children[new YamlScalarNode(key)] = child;
                        }
                        walked = walked.Length == 0 ? key : walked + "." + key;
                        node = child;
                        i++;
                        break;
                    }
                case YamlSequenceNode seq:
                    {
                        var (item, id, next) = MatchItem(seq, segments, i, path, walked, at);
                        if (next == segments.Length)
                            throw new ScenarioException(at, $"sweep path '{path}' leads to an item of '{walked}', not a single value; name one of its keys, e.g. '{path}.{FirstKey(item)}'");
                        walked += "." + id;
                        node = item;
                        i = next;
                        break;
                    }
                default:
                    throw new ScenarioException(at, $"sweep path '{path}': '{walked}' is a single value, it has no key '{segments[i]}'");
            }
        }
    }

    /// <summary>
    /// The item of <paramref name="seq"/> named by the segments from <paramref name="i"/> on, longest
    /// match first (so an item named "a.b" wins over "a"); returns it, its name and the index of the
    /// first segment after the name.
    /// </summary>
    private static (YamlMappingNode Item, string Id, int Next) MatchItem(YamlSequenceNode seq, string[] segments, int i, string path, string walked, SourceLocation at)
    {
        for (int j = segments.Length - 1; j >= i; j--)
        {
            string id = string.Join('.', segments[i..(j + 1)]);
            var matches = seq.Children.OfType<YamlMappingNode>().Where(item => Ids(item).Contains(id)).ToList();
            if (matches.Count == 1) return (matches[0], id, j + 1);
            if (matches.Count > 1)
                throw new ScenarioException(at, $"sweep path '{path}': several items of '{walked}' are called '{id}'; give each a distinct 'label' and use it in the path");
        }
        var names = seq.Children.OfType<YamlMappingNode>().Select(item => Ids(item).FirstOrDefault() ?? "?");
        throw new ScenarioException(at, $"sweep path '{path}': no item of '{walked}' is called '{segments[i]}'; items: {string.Join(", ", names)}");
    }

    /// <summary>The identifiers of a list item: its label, name and model (when written), in that order.</summary>
    private static List<string> Ids(YamlMappingNode item) =>
        ItemIdKeys.Select(k => (Child(item, k) as YamlScalarNode)?.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();

    private static string Kind(YamlNode n) => n switch { YamlMappingNode => "mapping", YamlSequenceNode => "list", _ => "value" };

    private static string FirstKey(YamlNode n) => n switch
    {
        YamlMappingNode m => m.Children.Keys.OfType<YamlScalarNode>().Select(s => s.Value).FirstOrDefault(v => v is not ("name" or "label" or "model")) ?? "key",
        YamlSequenceNode s => s.Children.OfType<YamlMappingNode>().Select(x => Ids(x).FirstOrDefault()).FirstOrDefault() ?? "item",
        _ => "key",
    };
}
