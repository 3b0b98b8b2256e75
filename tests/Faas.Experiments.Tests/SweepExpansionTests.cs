using Faas.TestSupport;
using Faas.Workloads;
using Faas.Workloads.Arrivals;

namespace Faas.Experiments.Tests;

/// <summary>A scenario's sweep becomes a grid of validated points with stable order and CSV column names.</summary>
public class SweepExpansionTests
{
    private static string WithSweep(string sweep) => ExperimentYaml.Sweep[..ExperimentYaml.Sweep.IndexOf("sweep:", StringComparison.Ordinal)] + "sweep:\n" + sweep;

    [Fact]
    public void Points_come_in_grid_order_first_axis_slowest()
    {
        var e = ExperimentLoader.Load(ExperimentYaml.Sweep, "s.yaml");

        Assert.Equal(6, e.Points.Count);
        Assert.Equal(Enumerable.Range(0, 6), e.Points.Select(p => p.Index));
        Assert.Equal(["30s 2", "30s 8", "2m 2", "2m 8", "15m 2", "15m 8"], e.Points.Select(p => string.Join(" ", p.Settings.Select(s => s.Raw))));
    }

    [Fact]
    public void Each_point_is_the_scenario_with_its_values_applied()
    {
        var e = ExperimentLoader.Load(ExperimentYaml.Sweep, "s.yaml");

        var p = e.Points[3]; // 2m, 8 functions
        Assert.Equal(8, p.Scenario.Functions.Count);
        Assert.All(p.Scenario.Functions, f => Assert.Equal(120, ((PoissonArrivals)f.Arrivals!).MeanInterval.Seconds));
        Assert.Equal(4, e.Scenario.Functions.Count); // the base scenario stays as written
        Assert.Equal([3], e.Claims);
    }

    [Fact]
    public void Columns_are_named_from_the_path_with_a_unit_suffix_and_numeric_values()
    {
        var e = ExperimentLoader.Load(ExperimentYaml.Sweep, "s.yaml");

        Assert.Equal(["param_mean_interval_s", "param_functions"], e.ParameterColumns);
        Assert.Equal([30.0, 120, 900], e.Parameters[0].Numeric);
        Assert.Equal([2.0, 8], e.Parameters[1].Numeric);
        Assert.Equal(SweepValueKind.Duration, e.Parameters[0].Kind);
    }

    [Fact]
    public void Model_options_memory_and_distribution_parameters_can_be_swept()
    {
        var e = ExperimentLoader.Load(WithSweep("  models.keep-alive.ttl: [5m, 20m]\n  cluster.memory: [4GiB, 8GiB]\n  functions.fn.exec.mean: [100ms, 1s]\n"), "s.yaml");

        Assert.Equal(["param_ttl_s", "param_cluster_memory_gb", "param_exec_mean_s"], e.ParameterColumns);
        Assert.Equal([4.0, 8], e.Parameters[1].Numeric);
        Assert.Equal(8, e.Points.Count);
        Assert.Equal("20m", e.Points[4].Scenario.Models[0].Options.TryGet("ttl", out var ttl) ? ttl.Raw : null);
    }

    [Fact]
    public void Names_that_would_collide_are_widened()
    {
        string yaml = ExperimentYaml.Sweep.Replace(
            "  - {name: fn, count: 4,",
            "  - {name: a, count: 1, runtime: python, exec: {dist: constant, value: 1ms}, arrivals: {process: poisson, mean_interval: 1m}}\n  - {name: fn, count: 4,");
        var e = ExperimentLoader.Load(yaml[..yaml.IndexOf("sweep:", StringComparison.Ordinal)] + "sweep:\n  functions.a.count: [1, 2]\n  functions.fn.count: [1, 2]\n", "s.yaml");

        Assert.Equal(["param_a_count", "param_fn_count"], e.ParameterColumns);
    }

    [Fact]
    public void A_value_the_scenario_rejects_is_reported_at_that_value()
    {
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(WithSweep("  functions.fn.count: [2, 0]\n"), "s.yaml"));

        Assert.Equal(16, e.Location.Line);
        Assert.Equal(27, e.Location.Column);
        Assert.Contains("sweep 'functions.fn.count' value '0'", e.Message);
        Assert.Contains("must be a whole number", e.Message);
    }

    [Fact]
    public void A_bad_model_option_value_is_reported_at_that_value()
    {
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(WithSweep("  models.prewarm-pool.window: [1m, 0s]\n"), "s.yaml"));

        Assert.Equal((16, 36), (e.Location.Line, e.Location.Column));
        Assert.Contains("sweep 'models.prewarm-pool.window' value '0s': option 'window': must be a finite duration greater than zero", e.Message);
    }

    [Theory]
    [InlineData("  functions.fn.count: [1m, 5]\n", "all values of one axis must be of one kind")]
    [InlineData("  functions.fn.count: [few]\n", "not a number, a duration")]
    [InlineData("  functions.fn.arrivals.mean_interval: [1m, inf]\n", "not a finite duration")]
    [InlineData("  models.keep-alive.window: [1m]\n", "unknown option 'window'")]
    public void Values_that_are_not_numeric_of_one_kind_or_not_valid_options_are_errors(string sweep, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(WithSweep(sweep), "s.yaml"));

        Assert.Equal(16, e.Location.Line);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_plan_runs_points_then_models_then_replications()
    {
        var e = ExperimentLoader.Load(ExperimentYaml.Sweep, "s.yaml");

        var plan = ExperimentRunner.Plan(e, new ExperimentOptions("unused"));

        Assert.Equal(6 * 2 * 2, plan.Count);
        Assert.Equal((0, "keep-alive", 0), (plan[0].Point, plan[0].Model.Label, plan[0].Replication));
        Assert.Equal((0, "keep-alive", 1), (plan[1].Point, plan[1].Model.Label, plan[1].Replication));
        Assert.Equal((0, "prewarm-pool", 0), (plan[2].Point, plan[2].Model.Label, plan[2].Replication));
        Assert.Equal((1, "keep-alive", 0), (plan[4].Point, plan[4].Model.Label, plan[4].Replication));
        Assert.Equal(Enumerable.Range(0, plan.Count), plan.Select(p => p.Index));
    }

    [Fact]
    public void A_scenario_without_sweep_is_one_point()
    {
        var e = ExperimentLoader.Load(ExperimentYaml.Plain, "p.yaml");

        Assert.False(e.IsSweep);
        Assert.Single(e.Points);
        Assert.Empty(e.ParameterColumns);
    }
}
