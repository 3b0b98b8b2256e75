namespace Faas.Backends.Docker.Engine;

/// <summary>How to reach Docker and how long to wait for it.</summary>
/// <param name="Endpoint">The engine's API endpoint; null: <c>$DOCKER_HOST</c>, else <c>unix:///var/run/docker.sock</c>.</param>
/// <param name="DockerTimeout">Limit on every single Docker API call (create, start, remove, inspect, list).</param>
/// <param name="ReadyTimeout">Limit from <c>start</c> until the agent answers <c>/health</c>.</param>
/// <param name="SocketRoot">Host folder for the per-container socket directories; null: <c>/tmp/faas-sim</c>.</param>
public sealed record DockerEngineOptions(Uri? Endpoint, TimeSpan DockerTimeout, TimeSpan ReadyTimeout, string? SocketRoot)
{
    /// <summary>
    /// 30 s per Docker call (create/start take 0.1-1 s here, several seconds on a loaded 2-core
    /// machine; 30 s means the engine is stuck) and 30 s to ready (measured 0.2-0.9 s after start).
    /// </summary>
    public static readonly DockerEngineOptions Default = new(null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), null);

    /// <summary>The endpoint that will be used.</summary>
    public Uri ResolvedEndpoint => Endpoint ?? (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } h ? new Uri(h) : new Uri("unix:///var/run/docker.sock"));
}
