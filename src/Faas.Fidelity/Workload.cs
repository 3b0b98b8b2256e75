using Faas.Engine;
using Faas.Scenarios;

namespace Faas.Fidelity;

/// <summary>
/// The calls of one replication of a scenario, drawn exactly as <see cref="Faas.Backends.Sim.SimulationRun"/>
/// draws them: the replication seed <see cref="SeedSequence.Replication"/>, each function's arrivals
/// from stream <c>arrivals/NAME</c> and its execution times from stream <c>exec/NAME</c>, one draw per
/// arrival in arrival order. So the simulator and a real replay see the same workload.
/// </summary>
public static class Workload
{
    public static IReadOnlyList<PlannedCall> Plan(Scenario scenario, int replication, ulong? seedOverride = null)
    {
        ulong seed = SeedSequence.Replication(seedOverride ?? scenario.Seed, replication);
        var end = SimTime.Zero + scenario.Duration;
        var calls = new List<PlannedCall>();
        for (int f = 0; f < scenario.Functions.Count; f++)
        {
            var fs = scenario.Functions[f];
            if (fs.Arrivals is null) continue;
            var exec = SeedSequence.Stream(seed, StreamKeys.Exec(fs.Name));
            var stream = fs.Arrivals.CreateStream(SeedSequence.Stream(seed, StreamKeys.Arrivals(fs.Name)), f, end);
            while (stream.TryNext(out var t, out int fn))
                calls.Add(new PlannedCall(t.Micros, fn, scenario.Functions[fn].Exec.Sample(exec).Micros));
        }
        calls.Sort((a, b) => a.ArrivalMicros != b.ArrivalMicros ? a.ArrivalMicros.CompareTo(b.ArrivalMicros) : a.Function.CompareTo(b.Function));
        return calls;
    }
}
