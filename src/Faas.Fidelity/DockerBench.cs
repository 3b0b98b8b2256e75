using System.Diagnostics;
using System.Globalization;
using Faas.Backends.Docker;
using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;
using Faas.Platform;
using Faas.Platform.Policies;
using Faas.Platform.Results;

namespace Faas.Fidelity;

/// <summary>
/// The measuring part of <c>docker-bench</c>: start overheads of the real backend on the local engine, all phases in one
/// process run so the figures share the machine state. With a trivial Python function:
/// <list type="number">
/// <item>prewarm: prewarm-pool with a fixed pool (<c>min = max = --pool</c>), <c>--calls</c> sequential
/// calls at least <c>--interval</c> apart, each made once an idle pooled container exists (so the
/// one-shot replacements start in the background while later calls are served, as in production);
/// then <c>--quiet-calls</c> more, each made with the pool full and no Docker work in flight;</item>
/// <item>warm: keep-alive, <c>--calls</c> back-to-back calls after one cold call;</item>
/// <item>cold: cold-only, <c>--cold-calls</c> calls interleaved (ABBA order) with as many bare starts of the
/// same image with the same flags through Docker.DotNet (create + start + agent ready), the machine quiet before each.</item>
/// </list>
/// Overhead = total − exec of a call (the platform's share of its latency). Last line, machine-readable:
/// <c>prewarm_p50_ms=.. prewarm_p99_ms=.. warm_p50_ms=.. cold_p50_ms=.. docker_run_p50_ms=..</c>.
/// </summary>
public sealed class DockerBench(TextWriter stdout, TextWriter stderr, PoolDriverOptions driver, DockerEngineOptions engineOptions,
    string image, string db, string csv, CancellationToken cancel)
{
    private const string Trivial = "def main(args):\n    return {'ok': True}\n";

    public async Task RunAsync(int n, int nq, int nc, int poolSize, TimeSpan pace)
    {
        await using var engine = await DockerContainerEngine.ConnectAsync(engineOptions, cancel);
        stderr.WriteLine($"docker-bench: image {image}, {n} prewarm + {n} warm calls, {nc} cold starts + {nc} bare starts; pool {poolSize}, interval {pace.TotalMilliseconds:0} ms");

        // setup (also warms the JIT, the image cache and the agent's first-start costs)
        await using (var setup = await Platform(engine, ColdOnly, []))
        {
            if (setup.Store.GetRuntime("python") is null) await setup.CreateRuntimeAsync("python", image, null, cancel);
            setup.CreateFunction("noop", "python", Trivial, "main", false);
            for (int i = 0; i < 2; i++) Check(await setup.InvokeAsync("noop", "{}"));
        }

        // 1. prewarm, realistic: calls at least --interval apart, each taking an idle pooled container
        //    (waiting for one if the replacements fell behind) while replacements start in the background
        var prewarm = new List<double>();
        var quiet = new List<double>();
        int prewarmOther = 0, waitedForPool = 0;
        var sizeText = poolSize.ToString(CultureInfo.InvariantCulture);
        await using (var p = await Platform(engine, PrewarmPoolPolicy.Name, new() { ["min"] = sizeText, ["max"] = sizeText }))
        {
            await WaitIdleAsync(p, poolSize, quietToo: true);
            for (int i = 0; i < 5; i++) { await WaitIdleAsync(p, 1, false); Check(await p.InvokeAsync("noop", "{}")); } // warm-up, not counted
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < n; i++)
            {
                var wait = pace - sw.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancel);
                if (await WaitIdleAsync(p, 1, false)) waitedForPool++;
                sw.Restart();
                var r = Check(await p.InvokeAsync("noop", "{}"));
                if (r.StartType == StartType.Prewarm) prewarm.Add(r.Timings.OverheadMs);
                else prewarmOther++;
            }
            // 1b. prewarm, quiet: the pool full and no Docker work in flight before each call (the bare injection cost)
            for (int i = 0; i < nq; i++)
            {
                await WaitIdleAsync(p, poolSize, quietToo: true);
                var r = Check(await p.InvokeAsync("noop", "{}"));
                if (r.StartType == StartType.Prewarm) quiet.Add(r.Timings.OverheadMs);
            }
            var s = await p.SnapshotAsync();
            stderr.WriteLine($"  prewarm phase: {prewarm.Count} + {quiet.Count} prewarm, {prewarmOther} other starts; waited for an idle container before {waitedForPool} call(s); {s.ContainersCreated} containers started");
        }

        // 2. warm
        var warm = new List<double>();
        await using (var p = await Platform(engine, KeepAlivePolicy.Name, new() { ["ttl"] = "10m" }))
        {
            Check(await p.InvokeAsync("noop", "{}")); // cold
            for (int i = 0; i < 5; i++) Check(await p.InvokeAsync("noop", "{}")); // warm-up
            for (int i = 0; i < n; i++)
            {
                var r = Check(await p.InvokeAsync("noop", "{}"));
                if (r.StartType == StartType.Warm) warm.Add(r.Timings.OverheadMs);
            }
        }

        // 3. cold vs bare
        var cold = new List<double>();
        var coldStartup = new List<double>();
        var bare = new List<double>();
        await using (var p = await Platform(engine, ColdOnly, []))
        {
            var spec = new ContainerSpec(image, "python", "bare", DockerPlatformOptions.DefaultRuntimeMemory, driver.NanoCpus, driver.PidsLimit);
            for (int i = 0; i < 2 * nc; i++)
            {
                // alternate which goes first, so a drift in machine load does not favour either
                bool coldTurn = (i % 4 == 0 || i % 4 == 3);
                await p.Driver.WaitForQuietAsync(TimeSpan.FromSeconds(60), cancel);
                if (coldTurn)
                {
                    var r = Check(await p.InvokeAsync("noop", "{}"));
                    if (r.StartType != StartType.Cold) continue;
                    cold.Add(r.Timings.OverheadMs);
                    coldStartup.Add(r.Timings.QueueMs + r.Timings.StartupMs);
                }
                else
                {
                    var sw = Stopwatch.StartNew();
                    var c = await engine.StartAsync(spec, cancel);
                    bare.Add(sw.Elapsed.TotalMilliseconds);
                    await engine.RemoveAsync(c, CancellationToken.None);
                }
            }
        }

        Report("prewarm start overhead (total - exec)", prewarm);
        Report("prewarm overhead, quiet machine", quiet);
        Report("warm start overhead (total - exec)", warm);
        Report("cold start (total - exec)", cold);
        Report("cold start: queue + startup only", coldStartup);
        Report("bare docker create+start+ready", bare);
        double coldVsBare = P(cold, 0.5) / P(bare, 0.5) - 1;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"targets: prewarm p50 <= 5 ms: {Verdict(P(prewarm, 0.5) <= 5)}; prewarm p99 <= 20 ms: {Verdict(P(prewarm, 0.99) <= 20)}; warm p50 <= 2 ms: {Verdict(P(warm, 0.5) <= 2)}; cold p50 within 10% of bare: {Verdict(coldVsBare <= 0.10)} ({coldVsBare * 100:+0.0;-0.0}%)"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prewarm_p50_ms={P(prewarm, 0.5):0.###} prewarm_p99_ms={P(prewarm, 0.99):0.###} warm_p50_ms={P(warm, 0.5):0.###} cold_p50_ms={P(cold, 0.5):0.###} docker_run_p50_ms={P(bare, 0.5):0.###}"));
    }

    private const string ColdOnly = ColdOnlyPolicy.Name;

    private Task<DockerPlatform> Platform(IContainerEngine engine, string policy, Dictionary<string, string> options) =>
        DockerPlatform.StartAsync(new DockerPlatformOptions(policy, options, db, csv, driver, engineOptions, "docker-bench"), engine, log: stderr, cancel: cancel);

    /// <summary>Waits until the pool has <paramref name="idle"/> idle containers (and, if <paramref name="quietToo"/>, no Docker work in flight); true if it had to wait.</summary>
    private async Task<bool> WaitIdleAsync(DockerPlatform p, int idle, bool quietToo)
    {
        long until = Environment.TickCount64 + 120_000;
        bool waited = false;
        while (true)
        {
            var s = await p.SnapshotAsync();
            if (s.Runtimes.Sum(r => r.Idle) >= idle && (!quietToo || s.BackgroundOperations == 0)) return waited;
            if (Environment.TickCount64 > until) throw new TimeoutException("the prewarm pool did not fill within 120 s");
            waited = true;
            await Task.Delay(2, cancel);
        }
    }

    private InvocationResult Check(InvocationResult r)
    {
        cancel.ThrowIfCancellationRequested();
        if (!r.Ok) throw new InvalidOperationException($"benchmark call failed ({r.ErrorKind}): {r.Error}");
        return r;
    }

    private void Report(string what, List<double> v) =>
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-40} n={v.Count,4}  p50={P(v, 0.5),9:0.###} ms  p99={P(v, 0.99),9:0.###} ms  mean={(v.Count == 0 ? double.NaN : v.Average()),9:0.###} ms  max={(v.Count == 0 ? double.NaN : v.Max()),9:0.###} ms"));

    private static string Verdict(bool ok) => ok ? "met" : "MISSED";

    private static double P(List<double> v, double q) => NearestRank.Quantile(v, q);
}
