using System.Text.RegularExpressions;

namespace Faas.Architecture.Tests;

/// <summary>
/// The .csproj files of src/ hold the intended layer graph (<see cref="LayerGraph.Intended"/>):
/// no arrow outside it, none that no code uses, and the check itself fails on a planted wrong arrow.
/// </summary>
public class LayerGraphTests
{
    private static string Src => Path.Combine(Repository.Root(), "src");

    [Fact]
    public void EveryProjectReferenceOfSrcIsAnIntendedArrow()
    {
        var problems = LayerGraph.Violations(LayerGraph.Read(Src));
        Assert.True(problems.Count == 0, "src/ departs from the intended layer graph:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EverySrcProjectIsALayerAndEveryLayerAProject()
    {
        var projects = LayerGraph.Read(Src).Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(LayerGraph.Intended.Keys.Order(StringComparer.Ordinal), projects);
    }

    [Fact]
    public void TheIntendedGraphPointsDownWithoutACycle()
    {
        var order = LayerGraph.TopologicalOrder(LayerGraph.Intended.ToDictionary());
        Assert.NotNull(order);
        Assert.Equal("Faas.Engine", order[0]);
        Assert.Equal("Faas.Cli", order[^1]);
    }

    [Fact]
    public void ACycleIsFound()
    {
        var cyclic = new Dictionary<string, string[]> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"] };
        Assert.Null(LayerGraph.TopologicalOrder(cyclic));
    }

    [Theory]
    [InlineData("Faas.Platform", "Faas.Workloads")] // the phantom arrow of issue 18: policies on YAML parsing
    [InlineData("Faas.Reporting", "Faas.Backends.Sim")] // the other one: the report dragging the simulator in
    [InlineData("Faas.Engine", "Faas.Platform")] // upward
    [InlineData("Faas.Backends.Docker", "Faas.Cli")]
    [InlineData("Faas.Plotting", "Faas.Reporting")] // sideways
    public void APlantedWrongArrowFails(string from, string to)
    {
        var graph = LayerGraph.Read(Src).ToDictionary(kv => kv.Key, kv => kv.Value);
        graph[from] = [.. graph[from], to];
        var problems = LayerGraph.Violations(graph);
        var problem = Assert.Single(problems);
        Assert.StartsWith($"{from} -> {to} is not an intended arrow", problem);
    }

    [Fact]
    public void APlantedReferenceInACsprojFileFails()
    {
        string tmp = Directory.CreateTempSubdirectory("faas-arch-").FullName;
        try
        {
            foreach (var csproj in Directory.GetFiles(Src, "*.csproj", SearchOption.AllDirectories))
            {
                string dir = Path.Combine(tmp, Path.GetFileName(Path.GetDirectoryName(csproj))!);
                Directory.CreateDirectory(dir);
                File.Copy(csproj, Path.Combine(dir, Path.GetFileName(csproj)));
            }
            string platform = Path.Combine(tmp, "Faas.Platform", "Faas.Platform.csproj");
            File.WriteAllText(platform, File.ReadAllText(platform).Replace("</Project>",
                "  <ItemGroup>\n    <ProjectReference Include=\"..\\Faas.Workloads\\Faas.Workloads.csproj\" />\n  </ItemGroup>\n</Project>"));
            Assert.Empty(LayerGraph.Violations(LayerGraph.Read(Path.Combine(Src))));
            var problem = Assert.Single(LayerGraph.Violations(LayerGraph.Read(tmp)));
            Assert.StartsWith("Faas.Platform -> Faas.Workloads is not an intended arrow", problem);
        }
        finally
        {
            Directory.Delete(tmp, true);
        }
    }

    [Fact]
    public void AProjectOutsideTheLayerTableFails()
    {
        var graph = LayerGraph.Read(Src).ToDictionary(kv => kv.Key, kv => kv.Value);
        graph["Faas.Helpers"] = ["Faas.Engine"];
        Assert.Contains(LayerGraph.Violations(graph), p => p.StartsWith("Faas.Helpers is not a layer", StringComparison.Ordinal));
    }

    [Fact]
    public void NoProjectReferenceIsAPhantom()
    {
        var phantoms = Phantoms(LayerGraph.Read(Src), p => Repository.SourceFiles(Path.Combine(Src, p)).Select(File.ReadAllText));
        Assert.True(phantoms.Count == 0, "project references no code of the referencing project uses:\n" + string.Join("\n", phantoms));
    }

    [Fact]
    public void ThePhantomCheckCatchesAnUnusedReference()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["Faas.Reporting"] = ["Faas.Results", "Faas.Backends.Sim"] };
        var phantoms = Phantoms(graph, _ => ["using Faas.Results;\nnamespace Faas.Reporting;\n// Faas.Backends.Simulator is another name\n"]);
        Assert.Equal(["Faas.Reporting -> Faas.Backends.Sim"], phantoms);
    }

    [Fact]
    public void DocsArchitectureShowsTheIntendedGraph()
    {
        // the table of docs/architecture.md: | Faas.X | A, B (a remark) |
        var rows = File.ReadLines(Path.Combine(Repository.Root(), "docs", "architecture.md"))
            .Select(l => Regex.Match(l, @"^\| (Faas\.[\w.]+) \| ([^|]*)\|$")).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => Regex.Replace(m.Groups[2].Value, @"\(.*\)", "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(x => x != "—").Select(x => "Faas." + x).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(LayerGraph.Intended.Keys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, refs) in LayerGraph.Intended)
            Assert.True(refs.Order(StringComparer.Ordinal).SequenceEqual(rows[project]), $"docs/architecture.md: {project} -> {string.Join(", ", rows[project])}, intended {string.Join(", ", refs)}");
    }

    /// <summary>The arrows A → B where no source of A names B's namespace (<c>Faas.B</c> as a using, a qualified name or a prefix of one).</summary>
    private static List<string> Phantoms(IReadOnlyDictionary<string, IReadOnlyList<string>> graph, Func<string, IEnumerable<string>> sourcesOf)
    {
        var phantoms = new List<string>();
        foreach (var (project, refs) in graph)
        {
            var text = string.Join("\n", sourcesOf(project));
            foreach (var r in refs)
                if (!Regex.IsMatch(text, @"(?<![\w.])" + Regex.Escape(r) + @"(?![\w])"))
                    phantoms.Add($"{project} -> {r}");
        }
        return phantoms;
    }
}
