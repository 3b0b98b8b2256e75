namespace Faas.Backends.Docker.Engine;

/// <summary>
/// The labels every container of ours carries. <see cref="Owner"/> marks a container as Faas.Sim's;
/// <see cref="Pid"/> and <see cref="PidStart"/> name the host process that owns it, so a later
/// process can tell the leftovers of a crashed one (owner gone) from the live containers of a
/// concurrent one (tests, a bench next to a server) and remove only the former.
/// </summary>
public static class ContainerLabels
{
    public const string Owner = "faas.sim.owner";
    public const string OwnerValue = "faas-sim";
    public const string Runtime = "faas.sim.runtime";
    public const string Policy = "faas.sim.policy";
    public const string Instance = "faas.sim.instance";
    public const string Pid = "faas.sim.pid";
    public const string PidStart = "faas.sim.pid-start";

    /// <summary>The filter that selects every container of ours.</summary>
    public const string OwnerFilter = Owner + "=" + OwnerValue;
}
