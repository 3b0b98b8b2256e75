using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;

namespace Faas.Backends.Docker;

/// <summary>Everything a real-mode platform is configured with.</summary>
/// <param name="Policy">Catalog name of the pool policy (<c>prewarm-pool</c>, <c>keep-alive</c>, <c>cold-only</c>, <c>fixed-pool</c>).</param>
/// <param name="PolicyOptions">The policy's options as <c>key → value</c> text, as a scenario would write them (e.g. <c>ttl → 10m</c>).</param>
/// <param name="DatabasePath">The SQLite function database.</param>
/// <param name="InvocationsCsv">invocations.csv to append every call to; null for none.</param>
/// <param name="RunLabel">The <c>scenario</c> column of invocations.csv.</param>
public sealed record DockerPlatformOptions(
    string Policy,
    IReadOnlyDictionary<string, string> PolicyOptions,
    string DatabasePath,
    string? InvocationsCsv,
    PoolDriverOptions Driver,
    DockerEngineOptions Engine,
    string RunLabel = "docker")
{
    /// <summary>Memory of a runtime's containers when its registration does not say (the runtimes' README uses 128 MiB).</summary>
    public const long DefaultRuntimeMemory = 128L << 20;
}
