using System.Xml.Linq;

namespace Faas.Architecture.Tests;

/// <summary>
/// The intended dependency graph of src/ (DESIGN.md "Layout"): each project and the projects it may
/// reference. Each layer uses only layers below it; Microsoft and NuGet packages aside. The checker
/// compares a graph read from the .csproj files against it.
/// </summary>
public static class LayerGraph
{
    /// <summary>Project → the projects it may reference (a reference it does not need is a phantom, caught separately).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Intended = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Faas.Cli"] = ["Faas.Fidelity", "Faas.Experiments", "Faas.Reporting", "Faas.Plotting", "Faas.Backends.Docker"],
        ["Faas.Fidelity"] = ["Faas.Experiments", "Faas.Backends.Docker"],
        ["Faas.Experiments"] = ["Faas.Backends.Sim", "Faas.Results"],
        ["Faas.Reporting"] = ["Faas.Results"],
        ["Faas.Plotting"] = ["Faas.Results"],
        ["Faas.Backends.Sim"] = ["Faas.Scenarios", "Faas.Platform"],
        ["Faas.Backends.Docker"] = ["Faas.Scenarios", "Faas.Platform", "Faas.Results"],
        ["Faas.Results"] = ["Faas.Platform"],
        ["Faas.Scenarios"] = ["Faas.Platform", "Faas.Workloads"],
        ["Faas.Platform"] = ["Faas.Engine"],
        ["Faas.Workloads"] = ["Faas.Engine"],
        ["Faas.Engine"] = [],
    };

    /// <summary>The ProjectReference arrows of every src/*/*.csproj under <paramref name="srcDir"/>: project name → referenced project names.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(string srcDir)
    {
        var graph = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var csproj in Directory.GetFiles(srcDir, "*.csproj", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var refs = XDocument.Load(csproj).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? "").Replace('\\', '/')))
                .Order(StringComparer.Ordinal)
                .ToList();
            graph[Path.GetFileNameWithoutExtension(csproj)] = refs;
        }
        return graph;
    }

    /// <summary>Every way <paramref name="actual"/> departs from <see cref="Intended"/>: an arrow not intended, or a project not in the layer table; empty when it conforms.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, IReadOnlyList<string>> actual)
    {
        var problems = new List<string>();
        foreach (var (project, refs) in actual)
        {
            if (!Intended.TryGetValue(project, out var allowed))
            {
                problems.Add($"{project} is not a layer of the intended graph (add it to LayerGraph.Intended and DESIGN.md, or merge it into a layer)");
                continue;
            }
            foreach (var r in refs)
                if (Array.IndexOf(allowed, r) < 0)
                    problems.Add($"{project} -> {r} is not an intended arrow ({project} may use: {(allowed.Length == 0 ? "nothing" : string.Join(", ", allowed))})");
        }
        return problems;
    }

    /// <summary>The projects of <paramref name="graph"/> in an order where each comes after everything it references; null if the graph has a cycle.</summary>
    public static IReadOnlyList<string>? TopologicalOrder(IReadOnlyDictionary<string, string[]> graph)
    {
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        bool Visit(string p)
        {
            if (state.TryGetValue(p, out int s)) return s == 2;
            state[p] = 1;
            foreach (var r in graph.TryGetValue(p, out var refs) ? refs : [])
                if (!Visit(r)) return false;
            state[p] = 2;
            order.Add(p);
            return true;
        }
        foreach (var p in graph.Keys.Order(StringComparer.Ordinal))
            if (!Visit(p)) return null;
        return order;
    }
}
