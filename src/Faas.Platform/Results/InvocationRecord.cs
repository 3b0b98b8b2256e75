using Faas.Engine;

namespace Faas.Platform.Results;

/// <summary>
/// One call, from arrival to end: the row of invocations.csv. Phases are durations; the
/// end-to-end latency is queue + startup + init + exec.
/// </summary>
/// <param name="Invocation">Arrival index within the run (0-based).</param>
/// <param name="Queue">Waiting for capacity (for a cold start: until its container start began).</param>
/// <param name="Startup">Container create + start until the agent answers (cold starts only).</param>
/// <param name="Init">Code injection (cold and prewarm starts; zero when warm).</param>
/// <param name="Container">The serial of the container that ran it (<see cref="ContainerTable.Serial"/>), 0 if none.</param>
public readonly record struct InvocationRecord(
    long Invocation,
    int Function,
    int Runtime,
    SimTime Arrival,
    CallStatus Status,
    StartType StartType,
    SimDuration Queue,
    SimDuration Startup,
    SimDuration Init,
    SimDuration Exec,
    long Container = 0)
{
    public SimDuration Latency => Queue + Startup + Init + Exec;
}
