using Faas.Backends.Sim;
using Faas.Platform;
using Faas.Scenarios;
using Faas.TestSupport;

namespace Faas.Fidelity.Tests;

/// <summary>validate-real with several real replications: pooling, paired judging, per-replication plans, options (no Docker).</summary>
public sealed class PairedValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faas-paired-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static CallOutcome Ok(StartType t, double ms) => new(true, t, ms);

    /// <summary>Run A: latencies 1..5 ms; run B: 6..20 ms and one failed call.</summary>
    private static IReadOnlyList<PooledRun> TwoRuns()
    {
        var a = new List<CallOutcome> { Ok(StartType.Cold, 1), Ok(StartType.Warm, 2), Ok(StartType.Warm, 3), Ok(StartType.Prewarm, 4), Ok(StartType.Warm, 5) };
        var b = new List<CallOutcome>();
        for (int ms = 6; ms <= 20; ms++) b.Add(Ok(ms is 19 or 20 ? StartType.Cold : ms == 7 ? StartType.Prewarm : StartType.Warm, ms));
        b.Add(new CallOutcome(false, StartType.Cold, 999)); // failed: counted, not in the latencies
        return [new PooledRun(a, 1.0, 2), new PooledRun(b, 3.0, 5)];
    }

    [Fact]
    public void Pooling_counts_fractions_over_all_completed_calls_of_all_runs()
    {
        var p = PooledSummary.Pool(TwoRuns());
        Assert.Equal(2, p.Runs);
        Assert.Equal(21, p.Calls);
        Assert.Equal(20, p.Completed);
        Assert.Equal(1, p.FailedOrDropped);
        Assert.Equal(3.0 / 20, p.ColdFraction);    // 1 + 2 cold
        Assert.Equal(2.0 / 20, p.PrewarmFraction); // 4 ms and 7 ms
        Assert.Equal(15.0 / 20, p.WarmFraction);
        Assert.Equal(0.5, p.Metric("failed_or_dropped")); // per run
    }

    [Fact]
    public void Pooled_quantiles_are_nearest_rank_over_all_latencies_not_means_of_per_run_quantiles()
    {
        var p = PooledSummary.Pool(TwoRuns());
        // 20 latencies 1..20: ranks ceil(0.5*20)=10, ceil(0.95*20)=19, ceil(0.99*20)=20
        Assert.Equal(10, p.P50Ms);
        Assert.Equal(19, p.P95Ms);
        Assert.Equal(20, p.P99Ms);
        // the mean of the runs' own p50s (3 and 13) would be 8
        Assert.Equal(8, TwoRuns().Select(r => PooledSummary.Pool([r]).P50Ms).Average());
    }

    [Fact]
    public void Idle_memory_time_and_containers_are_means_per_run()
    {
        var p = PooledSummary.Pool(TwoRuns());
        Assert.Equal(2.0, p.IdleMemGbS);
        Assert.Equal(3.5, p.ContainersCreated);
        Assert.Equal(2.0, p.Metric("idle_mem_gb_s"));
        Assert.Equal(3.5, p.Metric("containers_created"));
    }

    [Fact]
    public void A_pool_of_no_calls_has_undefined_fractions_and_quantiles()
    {
        var p = PooledSummary.Pool([new PooledRun([], 0, 0)]);
        Assert.True(double.IsNaN(p.ColdFraction));
        Assert.True(double.IsNaN(p.P50Ms));
        Assert.Throws<ArgumentOutOfRangeException>(() => PooledSummary.Pool([]));
    }

    [Fact]
    public void Paired_rows_are_judged_on_the_pooled_values_not_the_mean()
    {
        // mean vs one run: met (100 vs 105, ±10 %); paired: 100 vs 115, missed
        var p50 = new FidelityRow("m", "p50_ms", 100, 105, "±10%", true) { SimPaired = 100, RealPaired = 115 };
        var judged = Validator.Judge(p50);
        Assert.False(judged.Met);
        Assert.Equal(15, judged.AbsError, 9);
        Assert.Equal(0.15, judged.RelError, 9);
        // the other way round: missed against the mean, met paired
        var cold = new FidelityRow("m", "cold_fraction", 0.10, 0.20, "±3 pp", false) { SimPaired = 0.18, RealPaired = 0.20 };
        Assert.True(Validator.Judge(cold).Met);
        var p99 = new FidelityRow("m", "p99_ms", 500, 500, "±20%", true) { SimPaired = 500, RealPaired = 601 };
        Assert.False(Validator.Judge(p99).Met);
        Assert.True(Validator.Judge(p99 with { RealPaired = 600 }).Met);
        // a row without paired values keeps its single-run judgement and errors
        var single = new FidelityRow("m", "p50_ms", 100, 105, "±10%", true);
        Assert.False(single.Paired);
        Assert.Equal(5, single.AbsError);
        Assert.True(Validator.Judge(single).Met);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void The_replay_plan_of_replication_i_is_the_simulators_calls_of_replication_i(int replication)
    {
        var s = ScenarioLoader.Load(FidelityFixtures.Scenario.Replace("duration: 10s", "duration: 60s"), "t.yaml");
        var plan = Workload.Plan(s, replication);
        var obs = new CollectingObserver();
        new SimulationRun(s, s.Models[0], replication, obs).Run();
        var sim = obs.Records.Select(r => (r.Arrival.Micros, r.Function, r.Exec.Micros)).Order().ToList();
        Assert.True(plan.Count > 20);
        Assert.Equal(sim, plan.Select(c => (c.ArrivalMicros, c.Function, c.ExecMicros)).Order().ToList());
        // and it is not replication 0's workload
        Assert.NotEqual(Workload.Plan(s, 0).Select(c => c.ArrivalMicros), plan.Select(c => c.ArrivalMicros));
    }

    [Fact]
    public void Pooled_simulated_runs_are_the_experiments_replications()
    {
        var s = ScenarioLoader.Load(FidelityFixtures.Scenario.Replace("duration: 10s", "duration: 60s"), "t.yaml");
        var sim = Faas.Experiments.ExperimentRunner.Run(s, new Faas.Experiments.ExperimentOptions(Path.Combine(_dir, "sim"), Replications: 3, WriteInvocations: false, WriteTimeSeries: false));
        var model = s.Models[0];
        var runs = Validator.SimulatedRuns(s, sim, model, 2, default);
        Assert.Equal(2, runs.Count);
        for (int i = 0; i < 2; i++)
        {
            var summary = sim.Summaries.Single(x => x.Model == model.Label && x.Replication == i);
            var one = PooledSummary.Pool([runs[i]]);
            Assert.Equal(summary.Invocations, one.Calls);
            Assert.Equal(summary.Cold, one.Cold);
            Assert.Equal(summary.Warm, one.Warm);
            Assert.Equal(summary.IdleMemGbS, one.IdleMemGbS);
            Assert.Equal(summary.ContainersCreated, one.ContainersCreated);
        }
        var pooled = PooledSummary.Pool(runs);
        Assert.Equal(sim.Summaries.Where(x => x.Model == model.Label && x.Replication < 2).Sum(x => x.Cold), pooled.Cold);
    }

    [Theory]
    [InlineData(-0.0003, "+0.0%")]
    [InlineData(0.0007, "+0.1%")]
    [InlineData(-0.1234, "-12.3%")]
    [InlineData(0.5, "+50.0%")]
    public void Relative_errors_print_with_one_sign(double rel, string expected) => Assert.Equal(expected, Validator.Pct(rel));
}
