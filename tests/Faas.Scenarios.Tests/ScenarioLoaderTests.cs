using Faas.Platform;
using Faas.Workloads;

namespace Faas.Scenarios.Tests;

public class ScenarioLoaderTests
{
    private const string Example = """
        name: shared-runtime-rotation
        duration: 6h
        seed: 42
        replications: 3
        runtimes:
          - name: python
            image: faas-runtime-python
            memory: 128MiB
            cold_start: {dist: lognormal, median: 900ms, p99: 1.6s}
            init: {dist: constant, value: 8ms}
        functions:
          - name: fn
            count: 40
            runtime: python
            memory: 256MiB
            exec: {dist: exponential, mean: 200ms}
            arrivals: {process: poisson, mean_interval: 15m}
        cluster: {memory: 8GiB}
        models:
          - {model: keep-alive, ttl: 10m}
          - {model: prewarm-pool, window: 5m}
          - {model: cold-only}
        """;

    [Fact]
    public void LoadsTheDocumentedExample()
    {
        var s = ScenarioLoader.Load(Example, "x.yaml");
        Assert.Equal("shared-runtime-rotation", s.Name);
        Assert.Equal(6 * 3600, s.Duration.Seconds);
        Assert.Equal(42UL, s.Seed);
        Assert.Equal(3, s.Replications);
        Assert.Equal(40, s.Functions.Count);
        Assert.Equal("fn-1", s.Functions[0].Name);
        Assert.Equal("fn-40", s.Functions[^1].Name);
        Assert.Equal(256L << 20, s.Functions[0].MemoryBytes);
        Assert.Equal(8L << 30, s.Cluster.MemoryBytes);
        Assert.Equal(["keep-alive", "prewarm-pool", "cold-only"], s.Models.Select(m => m.Label));
        Assert.Equal(40 * 24, s.ExpectedCalls, 6);
    }

    [Fact]
    public void AppliesDefaults()
    {
        var s = ScenarioLoader.Load("""
            name: d
            duration: 1m
            runtimes: [{name: node, cold_start: {dist: constant, value: 1s}}]
            functions: [{name: f, runtime: node, exec: {dist: constant, value: 1ms}, arrivals: {process: poisson, rate: 1}}]
            models: [{model: keep-alive}]
            """, "d.yaml");
        Assert.Equal(1UL, s.Seed);
        Assert.Equal(1, s.Replications);
        Assert.Equal("faas-runtime-node", s.Runtimes[0].Image);
        Assert.Equal(128L << 20, s.Runtimes[0].MemoryBytes);
        Assert.Equal(128L << 20, s.Functions[0].MemoryBytes);   // inherits the runtime's
        Assert.Equal(0, s.Runtimes[0].Init.MeanSeconds);
        Assert.True(s.Cluster.IsUnlimited);
        Assert.Equal("f", s.Functions[0].Name);                  // count 1 keeps the name
    }

    [Fact]
    public void SameModelTwiceIsLabelledByItsOptions()
    {
        var s = ScenarioLoader.Load(Example.Replace("  - {model: cold-only}", "  - {model: keep-alive, ttl: 5m}"), "x.yaml");
        Assert.Equal(["keep-alive ttl=10m", "prewarm-pool", "keep-alive ttl=5m"], s.Models.Select(m => m.Label));
    }

    [Fact]
    public void ErrorsNameFileLineAndColumn()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Example.Replace("mean: 200ms", "mean: 200"), "scen.yaml"));
        Assert.Equal("scen.yaml", e.Location.File);
        Assert.Equal(16, e.Location.Line);
        Assert.StartsWith("scen.yaml:16:", e.Message);
        Assert.Contains("unit", e.Message);
    }
}

public class ClusterSpecLoaderTests
{
    private static Scenario Load(string cluster) => ScenarioLoader.Load($$$"""
        name: c
        duration: 1m
        runtimes: [{name: py, memory: 256MiB, cold_start: {dist: constant, value: 1s}}]
        functions: [{name: f, runtime: py, exec: {dist: constant, value: 1ms}, arrivals: {process: poisson, rate: 1}}]
        cluster: {{{cluster}}}
        models: [{model: keep-alive}]
        """, "c.yaml");

    [Fact]
    public void OneNodeByMemoryIsTheSingleNodeModel()
    {
        var c = Load("{memory: 2GiB}").Cluster;
        Assert.True(c.IsSingleNode);
        Assert.Equal(2L << 30, c.MemoryBytes);
        Assert.Equal("node0", Assert.Single(c.Nodes).Name);
        Assert.Equal(PlacementRule.FirstFit, c.Placement);
    }

    [Fact]
    public void CountFormExpandsToAlikeNodes()
    {
        var c = Load("{nodes: 3, node_memory: 1GiB, node_cores: 4, placement: best-fit}").Cluster;
        Assert.False(c.IsSingleNode);
        Assert.Equal(["node0", "node1", "node2"], c.Nodes.Select(n => n.Name));
        Assert.All(c.Nodes, n => { Assert.Equal(1L << 30, n.MemoryBytes); Assert.Equal(4, n.Cores); });
        Assert.Equal(3L << 30, c.MemoryBytes);
        Assert.Equal(PlacementRule.BestFit, c.Placement);
    }

    [Fact]
    public void ListFormWithCountsNamesAndUnlimitedMemory()
    {
        var c = Load("{nodes: [{name: big, memory: 8GiB, cores: 8, count: 2}, {name: tiny, memory: 512MiB}, {memory: unlimited}], placement: affinity}").Cluster;
        Assert.Equal(["big-0", "big-1", "tiny", "node3"], c.Nodes.Select(n => n.Name));
        Assert.Equal([8, 8, 0, 0], c.Nodes.Select(n => n.Cores));
        Assert.True(c.IsUnlimited);
        Assert.Equal(long.MaxValue, c.LargestNodeBytes);
        Assert.Equal(PlacementRule.Affinity, c.Placement);
    }

    [Fact]
    public void ErrorsPointAtTheClusterLine()
    {
        var e = Assert.Throws<ScenarioException>(() => Load("{nodes: 2, node_memory: 128MiB}"));
        Assert.Equal(5, e.Location.Line);
        Assert.Contains("largest container", e.Message);
    }
}
