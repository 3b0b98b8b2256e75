using Faas.Workloads;
using Faas.Workloads.Arrivals;

namespace Faas.Scenarios.Tests;

/// <summary>The experiment keys of a scenario: <c>claim:</c>, <c>sweep:</c> and the dotted-path overrides that apply a sweep point.</summary>
public class ScenarioSweepKeyTests
{
    private const string Base = """
        name: t
        description: a test
        claim: 3
        duration: 1h
        runtimes:
          - {name: python, memory: 128MiB, cold_start: {dist: constant, value: 1s}}
        functions:
          - {name: fn, count: 4, runtime: python, exec: {dist: constant, value: 100ms}, arrivals: {process: poisson, mean_interval: 15m}}
        models:
          - {model: keep-alive, ttl: 10m}
          - {model: prewarm-pool}
        """;

    private static string With(string sweep) => Base + "\nsweep:\n" + sweep;

    [Fact]
    public void Plain_load_accepts_claim_and_sweep_keys()
    {
        var s = ScenarioLoader.Load(With("  functions.fn.count: [1, 2]\n"), "t.yaml");
        Assert.Equal(4, s.Functions.Count); // the scenario as written; sweep values are applied per point
    }

    [Fact]
    public void Claims_are_read_as_a_number_or_a_list()
    {
        Assert.Equal([3], ScenarioLoader.ReadClaims(Base, "t.yaml"));
        Assert.Equal([1, 4], ScenarioLoader.ReadClaims(Base.Replace("claim: 3", "claim: [4, 1]"), "t.yaml"));
        Assert.Empty(ScenarioLoader.ReadClaims(Base.Replace("claim: 3\n", ""), "t.yaml"));
    }

    [Fact]
    public void A_claim_outside_the_seeds_five_is_a_located_error()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.ReadClaims(Base.Replace("claim: 3", "claim: 6"), "t.yaml"));
        Assert.Equal(3, e.Location.Line);
        Assert.Contains("1 to 5", e.Message);
    }

    [Fact]
    public void Sweep_axes_keep_their_order_values_and_locations()
    {
        var axes = ScenarioLoader.ReadSweep(With("  functions.fn.arrivals.mean_interval: [1m, 5m]\n  models.keep-alive.ttl: [5m, 10m, 20m]\n"), "t.yaml");
        Assert.Equal(["functions.fn.arrivals.mean_interval", "models.keep-alive.ttl"], axes.Select(a => a.Path));
        Assert.Equal(["5m", "10m", "20m"], axes[1].Values.Select(v => v.Raw));
        Assert.Equal(13, axes[0].Location.Line);
        Assert.Equal(14, axes[1].Values[0].Location.Line);
    }

    [Theory]
    [InlineData("  functions.nope.count: [1]\n", "no item of 'functions' is called 'nope'")]
    [InlineData("  functions.fn.arrivals: [1]\n", "leads to a mapping")]
    [InlineData("  functions.fn: [1]\n", "leads to an item")]
    [InlineData("  seed: [1, 2]\n", "cannot be swept")]
    [InlineData("  fnctions.fn.count: [1]\n", "has no key 'fnctions'")]
    [InlineData("  functions.fn.count: []\n", "non-empty list")]
    [InlineData("  functions.fn.count: [1, 1]\n", "appears twice")]
    public void A_bad_sweep_is_reported_at_its_line(string sweep, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.ReadSweep(With(sweep), "t.yaml"));
        Assert.Equal(13, e.Location.Line);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Overrides_replace_values_and_add_absent_keys()
    {
        var s = ScenarioLoader.Load(Base, "t.yaml",
        [
            new ScenarioOverride("functions.fn.count", "2", default),
            new ScenarioOverride("functions.fn.arrivals.mean_interval", "30s", default),
            new ScenarioOverride("models.prewarm-pool.window", "2m", default), // not written in the file
            new ScenarioOverride("cluster.memory", "1GiB", default),            // no cluster key at all
        ]);
        Assert.Equal(2, s.Functions.Count);
        Assert.Equal(30, ((PoissonArrivals)s.Functions[0].Arrivals!).MeanInterval.Seconds);
        Assert.Equal("2m", s.Models[1].Options.TryGet("window", out var w) ? w.Raw : null);
        Assert.Equal(1L << 30, s.Cluster.MemoryBytes);
    }

    [Fact]
    public void An_override_value_the_scenario_rejects_fails_like_a_written_one()
    {
        var e = Assert.Throws<ScenarioException>(() =>
            ScenarioLoader.Load(Base, "t.yaml", [new ScenarioOverride("functions.fn.count", "0", new SourceLocation("t.yaml", 20, 5))]));
        Assert.Contains("'count' must be a whole number", e.Message);
    }

    [Fact]
    public void List_items_are_found_by_label_and_names_may_contain_dots()
    {
        string yaml = Base.Replace("{name: fn,", "{name: fn.v2,").Replace("- {model: keep-alive, ttl: 10m}", "- {model: keep-alive, label: ka-short, ttl: 1m}");
        var s = ScenarioLoader.Load(yaml, "t.yaml",
        [
            new ScenarioOverride("functions.fn.v2.count", "3", default),
            new ScenarioOverride("models.ka-short.ttl", "2m", default),
        ]);
        Assert.Equal(3, s.Functions.Count);
        Assert.Equal("2m", s.Models[0].Options.TryGet("ttl", out var t) ? t.Raw : null);
    }
}
