namespace Faas.Backends.Docker.Engine;

/// <summary>
/// The container operations of the real backend, behind an interface so the pool driver can be
/// tested with a fake engine and a fake clock. The Docker implementation is
/// <see cref="DockerContainerEngine"/>; every call it makes has a timeout.
/// </summary>
public interface IContainerEngine : IAsyncDisposable
{
    /// <summary>The id of local image <paramref name="image"/>, or null when it is not present.</summary>
    Task<string?> ImageIdAsync(string image, CancellationToken cancel);

    /// <summary>
    /// Creates and starts a container and waits until its agent answers <c>/health</c>. On any
    /// failure (create, start, agent exits, not ready in time) the container is removed and the
    /// exception says why.
    /// </summary>
    Task<IContainer> StartAsync(ContainerSpec spec, CancellationToken cancel);

    /// <summary>Removes the container (force: kills it if running) and its socket directory; a container already gone is fine.</summary>
    Task RemoveAsync(IContainer container, CancellationToken cancel);

    /// <summary>
    /// Removes our containers whose owning process is gone (leftovers of a crash), never those of a
    /// live process. Returns how many were removed.
    /// </summary>
    Task<int> RemoveLeftoversAsync(CancellationToken cancel);

    /// <summary>Removes every container this engine instance created that is still there (the shutdown safety net). Returns how many.</summary>
    Task<int> RemoveAllOwnAsync(CancellationToken cancel);
}
