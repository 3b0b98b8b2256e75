namespace Faas.Platform.Models;

/// <summary>
/// What a driver must know about a model beyond its options: declared by the model in the catalog,
/// so drivers ask the model instead of testing its name.
/// </summary>
[Flags]
public enum ModelCapabilities
{
    None = 0,

    /// <summary>Reads the calls to come (<see cref="PlatformSpec.Future"/>): the driver must provide them (<see cref="ModelEntry.FutureHorizon"/> says how far ahead).</summary>
    NeedsFuture = 1,

    /// <summary>Starts a container per call (removed after it): the machine's start throughput bounds the call rate it can serve for real.</summary>
    OneShot = 2,

    /// <summary>Cannot run on live calls (e.g. it needs the future): the simulator only.</summary>
    SimulatorOnly = 4,
}
