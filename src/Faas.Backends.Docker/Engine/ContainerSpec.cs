namespace Faas.Backends.Docker.Engine;

/// <summary>
/// What to start: an image with its limits. The security flags are not options: every container
/// runs with <c>--network none</c>, uid 10001, all capabilities dropped, no-new-privileges, a
/// read-only root with a tmpfs <c>/tmp</c>, and the pids limit (see runtimes/README.md).
/// </summary>
/// <param name="Image">A local image (its agent listens on <c>/run/faas/agent.sock</c>).</param>
/// <param name="Runtime">Runtime name, for the label.</param>
/// <param name="Policy">Policy name, for the label.</param>
/// <param name="MemoryBytes">Memory limit (swap is not allowed on top).</param>
/// <param name="NanoCpus">CPU limit in 10⁻⁹ CPUs (1e9 = one core).</param>
/// <param name="PidsLimit">Most processes/threads in the container (a fork bomb stops there).</param>
/// <param name="Background">
/// A pool container nobody waits for: it starts with a low CPU weight (so its agent's start-up
/// yields the CPU to containers serving calls) and gets the normal weight once ready.
/// </param>
public sealed record ContainerSpec(string Image, string Runtime, string Policy, long MemoryBytes, long NanoCpus, long PidsLimit, bool Background = false);
