namespace Faas.Backends.Docker.Engine;

/// <summary>
/// One running container whose agent has answered <c>/health</c>: the operations the pool driver
/// performs on it. Methods may be called from any thread, but the driver never runs two calls on
/// one container at a time.
/// </summary>
public interface IContainer
{
    /// <summary>The engine's id (Docker's container id).</summary>
    string Id { get; }

    /// <summary>Loads code: POST <c>/init</c> with <paramref name="body"/> (UTF-8 JSON). Throws on a transport failure.</summary>
    Task<AgentReply> InitAsync(ReadOnlyMemory<byte> body, CancellationToken cancel);

    /// <summary>Runs the loaded code: POST <c>/run</c> with <paramref name="body"/>. Throws on a transport failure (dropped connection).</summary>
    Task<AgentReply> RunAsync(ReadOnlyMemory<byte> body, CancellationToken cancel);

    /// <summary>Kills the container at once (SIGKILL); it stays until removed.</summary>
    Task KillAsync(CancellationToken cancel);

    /// <summary>Why the agent stopped answering: waits up to <paramref name="wait"/> for the container to exit, then inspects it.</summary>
    Task<ContainerExit> DiagnoseAsync(TimeSpan wait, CancellationToken cancel);
}
