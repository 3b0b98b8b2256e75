namespace Faas.Backends.Docker.Pool;

/// <summary>Limits of the Docker pool driver.</summary>
/// <param name="CallTimeout">Per call, from code injection to result; when it passes the container is killed and the call fails.</param>
/// <param name="MaxParallelStarts">Container starts in flight at once (more wait); Docker and 2 cores do not get faster with more.</param>
/// <param name="NanoCpus">CPU limit of each container in 10⁻⁹ CPUs.</param>
/// <param name="PidsLimit">Process/thread limit of each container.</param>
/// <param name="ClusterMemoryBytes">Memory all containers together may hold (the policy's capacity).</param>
/// <param name="DrainTimeout">On shutdown, how long calls in flight may finish before they are cancelled.</param>
/// <param name="PoolStartDeferral">
/// A pool (unbound) container start waits up to this long for the calls being executed to finish,
/// so its <c>docker create</c> does not compete for CPU with the code injection and run of the call
/// whose take triggered it (the replacement stays off the request path); a cold start never waits.
/// </param>
public sealed record PoolDriverOptions(
    TimeSpan CallTimeout,
    int MaxParallelStarts,
    long NanoCpus,
    long PidsLimit,
    long ClusterMemoryBytes,
    TimeSpan DrainTimeout,
    TimeSpan PoolStartDeferral)
{
    /// <summary>
    /// 60 s per call (a research platform runs short functions; long ones can raise it); 4 parallel
    /// starts (beyond that, starts on this 2-core machine only queue inside dockerd); 1 CPU and 64
    /// processes per container (runtimes/README.md); 4 GiB for all containers (32 containers of
    /// 128 MiB); 5 s for calls to finish on shutdown; pool starts wait up to 50 ms for running calls
    /// (a trivial call takes 2-10 ms here; a long one does not hold the pool back for longer).
    /// </summary>
    public static readonly PoolDriverOptions Default = new(TimeSpan.FromSeconds(60), 4, 1_000_000_000, 64, 4L << 30, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
}
