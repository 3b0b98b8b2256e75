using Faas.Backends.Sim;
using Faas.Scenarios;
using Faas.TestSupport;

namespace Faas.Fidelity.Tests;

/// <summary>The replay's workload plan is the simulator's draws (no Docker).</summary>
public sealed class ReplayPlanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faas-fidelity-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void The_replay_plan_is_the_simulators_workload()
    {
        var s = ScenarioLoader.Load(FidelityFixtures.Scenario.Replace("duration: 10s", "duration: 60s"), "t.yaml");
        var plan = Workload.Plan(s, 0);
        var obs = new CollectingObserver();
        new SimulationRun(s, s.Models[0], 0, obs).Run();
        var sim = obs.Records.Select(r => (r.Arrival.Micros, r.Function, r.Exec.Micros)).Order().ToList();
        Assert.True(plan.Count > 20);
        Assert.Equal(sim, plan.Select(c => (c.ArrivalMicros, c.Function, c.ExecMicros)).Order().ToList());
    }
}
