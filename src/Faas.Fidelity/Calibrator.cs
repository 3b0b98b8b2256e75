using System.Diagnostics;
using System.Globalization;
using System.Text;
using Faas.Backends.Docker;
using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;
using Faas.Platform;
using Faas.Platform.Policies;
using Faas.Platform.Results;
using Faas.Results;
using Faas.Scenarios;
using Faas.Workloads.Distributions;
using MathNet.Numerics.Statistics;

namespace Faas.Fidelity;

/// <summary>
/// Measures this machine's start-up costs per runtime through the real backend and fits them:
/// <list type="bullet">
/// <item><c>cold_start</c>: a cold-only platform, one call at a time on a quiet machine: create + start + agent ready (the call's startup phase);</item>
/// <item><c>init</c>: the same calls' code injection;</item>
/// <item><c>warm_dispatch</c>: keep-alive, back-to-back warm calls of a no-op function: the whole latency (arrival to result). The
/// no-op's own execution time is ~0, and the measured "exec" phase is mostly the agent's <c>/run</c> round trip, which the
/// simulator's drawn execution time does not contain, so it counts as overhead (total − exec would miss ~2 ms per call here);</item>
/// <item><c>prewarm_dispatch</c>: prewarm-pool (min = max = 1), each no-op call made with the pool full and no Docker work in flight:
/// total − init (the injection itself is simulated as <c>init</c>);</item>
/// <item><c>removal</c>: removing a started container (bare engine calls);</item>
/// <item>start time with k = 1, 2, 4 (8) starts issued at once (bare engine create + start + ready).</item>
/// </list>
/// Durations are fitted as log-normal by maximum likelihood (mu, sigma of ln seconds) and written
/// as median/p99.
/// </summary>
public sealed class Calibrator(IContainerEngine engine, PoolDriverOptions driver, DockerEngineOptions engineOptions, TextWriter log, CancellationToken cancel)
{
    private const string Trivial = "def main(args):\n    return {'ok': True}\n";
    private const string TrivialNode = "function main(args) { return { ok: true }; }\n";

    public List<CalibrationSample> Samples { get; } = [];

    public async Task<CalibrationProfile> RunAsync(IReadOnlyList<string> runtimes, int n, IReadOnlyList<int> levels)
    {
        var cals = new List<RuntimeCalibration>();
        foreach (var rt in runtimes)
            cals.Add(await RuntimeAsync(rt, "faas-runtime-" + rt, n, levels).ConfigureAwait(false));
        return new CalibrationProfile(Environment.MachineName + $" ({Environment.ProcessorCount} cpus)", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), n, cals);
    }

    private async Task<RuntimeCalibration> RuntimeAsync(string rt, string image, int n, IReadOnlyList<int> levels)
    {
        string tmp = Path.Combine(Path.GetTempPath(), $"faas-calibrate-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(tmp);
        string code = rt.Contains("node", StringComparison.OrdinalIgnoreCase) ? TrivialNode : Trivial;
        long mem = DockerPlatformOptions.DefaultRuntimeMemory;
        try
        {
            // cold start + init
            await using (var p = await Platform(ColdOnlyPolicy.Name, [], tmp))
            {
                await p.CreateRuntimeAsync(rt, image, mem, cancel).ConfigureAwait(false);
                p.CreateFunction("noop", rt, code, "main", false);
                Check(await p.InvokeAsync("noop", "{}")); // warm-up (JIT, image cache), not counted
                for (int i = 0; i < n; i++)
                {
                    await p.Driver.WaitForQuietAsync(TimeSpan.FromSeconds(60), cancel).ConfigureAwait(false);
                    var r = Check(await p.InvokeAsync("noop", "{}"));
                    Add(rt, "cold_start", 1, i, r.Timings.StartupMs);
                    Add(rt, "init", 1, i, r.Timings.InitMs);
                    Progress(rt, "cold start + init", i + 1, n);
                }
            }
            // warm dispatch
            await using (var p = await Platform(KeepAlivePolicy.Name, new() { ["ttl"] = "10m" }, tmp))
            {
                p.CreateFunction("noop2", rt, code, "main", false);
                Check(await p.InvokeAsync("noop2", "{}")); // cold
                for (int i = 0; i < 3; i++) Check(await p.InvokeAsync("noop2", "{}"));
                for (int i = 0; i < n; i++)
                {
                    var r = Check(await p.InvokeAsync("noop2", "{}"));
                    if (r.StartType == StartType.Warm) Add(rt, "warm_dispatch", 1, i, r.Timings.TotalMs); // no-op: all of it is overhead
                }
                Progress(rt, "warm dispatch", n, n);
            }
            // prewarm dispatch
            await using (var p = await Platform(PrewarmPoolPolicy.Name, new() { ["min"] = "1", ["max"] = "1" }, tmp))
            {
                p.CreateFunction("noop3", rt, code, "main", false);
                for (int i = 0; i < n; i++)
                {
                    await WaitIdleAsync(p).ConfigureAwait(false);
                    var r = Check(await p.InvokeAsync("noop3", "{}"));
                    if (r.StartType == StartType.Prewarm) Add(rt, "prewarm_dispatch", 1, i, Math.Max(0, r.Timings.TotalMs - r.Timings.InitMs)); // the injection is simulated as init
                    Progress(rt, "prewarm dispatch", i + 1, n);
                }
            }
            // bare starts under concurrency, and removals
            var spec = new ContainerSpec(image, rt, "calibrate", mem, driver.NanoCpus, driver.PidsLimit);
            int removal = 0;
            foreach (int k in levels)
            {
                int rounds = Math.Max(1, (int)Math.Ceiling(n / (double)k));
                for (int round = 0; round < rounds; round++)
                {
                    var starts = Enumerable.Range(0, k).Select(async _ =>
                    {
                        var sw = Stopwatch.StartNew();
                        var c = await engine.StartAsync(spec, cancel).ConfigureAwait(false);
                        return (c, sw.Elapsed.TotalMilliseconds);
                    }).ToList();
                    var started = new List<IContainer>();
                    try
                    {
                        foreach (var t in starts)
                        {
                            var (c, ms) = await t.ConfigureAwait(false);
                            started.Add(c);
                            Add(rt, "start_concurrent", k, round * k + started.Count - 1, ms);
                        }
                    }
                    finally
                    {
                        foreach (var t in starts) if (t.IsCompletedSuccessfully && !started.Contains(t.Result.c)) started.Add(t.Result.c);
                        foreach (var c in started)
                        {
                            var sw = Stopwatch.StartNew();
                            await engine.RemoveAsync(c, CancellationToken.None).ConfigureAwait(false);
                            if (k == 1) Add(rt, "removal", 1, removal++, sw.Elapsed.TotalMilliseconds);
                        }
                    }
                }
                Progress(rt, $"{k} parallel starts", rounds, rounds);
            }
        }
        finally
        {
            try { Directory.Delete(tmp, true); } catch (IOException) { }
        }
        var extra = new Dictionary<string, DurationDistribution>(StringComparer.Ordinal);
        foreach (var key in RuntimeCalibration.ExtraKeys)
            if (Values(rt, key, 1) is { Count: > 0 } v) extra[key] = Fit(v);
        var conc = levels.ToDictionary(k => k, k => NearestRank.Quantile(Values(rt, "start_concurrent", k), 0.5));
        var cal = new RuntimeCalibration(rt, image, Fit(Values(rt, "cold_start", 1)), Fit(Values(rt, "init", 1)), extra, conc);
        log.WriteLine($"calibrate {rt}: cold_start {cal.ColdStart.Describe()}, init {cal.Init.Describe()}; start median by concurrency {string.Join(", ", conc.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Key}: {x.Value:0} ms")))}");
        return cal;
    }

    /// <summary>Log-normal maximum-likelihood fit of millisecond samples (sigma at least 0.01).</summary>
    public static LogNormalDistribution Fit(IReadOnlyList<double> ms)
    {
        if (ms.Count == 0) throw new InvalidOperationException("no samples to fit");
        var logs = ms.Select(x => Math.Log(Math.Max(x, 0.001) / 1000.0)).ToArray();
        double mu = logs.Mean();
        double sigma = logs.Length > 1 ? logs.PopulationStandardDeviation() : 0;
        return new LogNormalDistribution(mu, Math.Max(sigma, 0.01));
    }

    private List<double> Values(string rt, string metric, int k) => Samples.Where(s => s.Runtime == rt && s.Metric == metric && s.Concurrency == k).Select(s => s.Ms).ToList();

    private void Add(string rt, string metric, int k, int i, double ms) => Samples.Add(new CalibrationSample(rt, metric, k, i, ms));

    private void Progress(string rt, string phase, int i, int n) => log.WriteLine($"calibrate {rt}: {phase} {i}/{n}");

    /// <summary>Writes the raw samples CSV.</summary>
    public void WriteSamples(string path)
    {
        var sb = new StringBuilder(string.Join(",", CalibrationSamplesCsv.Header) + "\n");
        foreach (var s in Samples) sb.Append(string.Create(CultureInfo.InvariantCulture, $"{s.Runtime},{s.Metric},{s.Concurrency},{s.Index},{s.Ms:0.###}\n"));
        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>The samples CSV kept next to a profile: <c>profile.yaml</c> → <c>profile.samples.csv</c>.</summary>
    public static string SamplesPath(string profile) => CalibrationSamplesCsv.PathFor(profile);

    private Task<DockerPlatform> Platform(string policy, Dictionary<string, string> options, string dir) =>
        DockerPlatform.StartAsync(new DockerPlatformOptions(policy, options, Path.Combine(dir, "functions.db"), null, driver, engineOptions, "calibrate"), engine, log: log, cancel: cancel);

    private async Task WaitIdleAsync(DockerPlatform p)
    {
        long until = Environment.TickCount64 + 120_000;
        while (true)
        {
            var s = await p.SnapshotAsync().ConfigureAwait(false);
            if (s.Runtimes.Sum(r => r.Idle) >= 1 && s.BackgroundOperations == 0) return;
            if (Environment.TickCount64 > until) throw new TimeoutException("the prewarm pool did not fill within 120 s");
            await Task.Delay(5, cancel).ConfigureAwait(false);
        }
    }

    private InvocationResult Check(InvocationResult r)
    {
        cancel.ThrowIfCancellationRequested();
        if (!r.Ok) throw new InvalidOperationException($"calibration call failed ({r.ErrorKind}): {r.Error}");
        return r;
    }
}
