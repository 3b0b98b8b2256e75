namespace Faas.Backends.Docker.Engine;

/// <summary>How a container ended (after its agent stopped answering).</summary>
/// <param name="Exited">False when it is still running (the connection dropped, the agent lives).</param>
/// <param name="ExitCode">The exit code (137 = killed).</param>
/// <param name="OomKilled">The kernel killed it for exceeding its memory limit.</param>
public readonly record struct ContainerExit(bool Exited, long ExitCode, bool OomKilled);
