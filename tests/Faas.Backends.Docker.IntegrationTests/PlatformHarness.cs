using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;

namespace Faas.Backends.Docker.IntegrationTests;

/// <summary>Builds platforms on the shared real engine with a fresh database and CSV in a temp folder.</summary>
public sealed class PlatformHarness : IAsyncDisposable
{
    public const string PythonImage = "faas-runtime-python";
    public const string NodeImage = "faas-runtime-node";

    private readonly List<DockerPlatform> _platforms = [];

    public PlatformHarness()
    {
        Dir = Path.Combine(Path.GetTempPath(), "faas-docker-tests", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }
    public string Db => Path.Combine(Dir, "functions.db");
    public string Csv => Path.Combine(Dir, "invocations.csv");

    public async Task<DockerPlatform> StartAsync(IContainerEngine engine, string policy, Dictionary<string, string>? options = null,
        TimeSpan? callTimeout = null, TextWriter? log = null)
    {
        var driver = PoolDriverOptions.Default with { CallTimeout = callTimeout ?? TimeSpan.FromSeconds(30), DrainTimeout = TimeSpan.FromSeconds(2) };
        var o = new DockerPlatformOptions(policy, options ?? [], Db, Csv, driver, DockerEngineOptions.Default, "test");
        var p = await DockerPlatform.StartAsync(o, engine, log: log);
        _platforms.Add(p);
        return p;
    }

    /// <summary>Polls until <paramref name="condition"/> holds on a pool snapshot (fails after <paramref name="seconds"/>).</summary>
    public static async Task<PoolSnapshot> WaitForAsync(DockerPlatform p, Func<PoolSnapshot, bool> condition, double seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var s = await p.SnapshotAsync();
            if (condition(s)) return s;
            if (DateTime.UtcNow > until) throw new TimeoutException($"pool condition not met within {seconds} s: {string.Join("; ", s.Runtimes)}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _platforms) await p.DisposeAsync();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
