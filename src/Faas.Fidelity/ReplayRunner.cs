using System.Diagnostics;
using System.Globalization;
using Faas.Backends.Docker;
using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;
using Faas.Engine;
using Faas.Experiments;
using Faas.Platform;
using Faas.Platform.Models;
using Faas.Platform.Results;
using Faas.Results;
using Faas.Scenarios;

namespace Faas.Fidelity;

/// <summary>
/// Replays a scenario on the real Docker backend, open loop: each model in turn gets a fresh
/// platform (own temporary function database), one generated function per scenario function in its
/// runtime's image, and the calls of <see cref="Workload.Plan"/> issued at their (scaled) arrival
/// times from a dedicated thread, whatever the platform's progress. How late each call was issued
/// (dispatch lag) is recorded; a run whose p99 lag exceeds <see cref="ReplayOptions.LagLimitMs"/>
/// is flagged untrusted. Latency is the measured total (arrival to result).
/// </summary>
public static class ReplayRunner
{
    public const string PythonCode =
        "import time\n" +
        "_held = []\n" +
        "def main(args):\n" +
        "    t0 = time.monotonic()\n" +
        "    n = int(args.get('alloc', 0))\n" +
        "    if n and not _held:\n" +
        "        b = bytearray(n)\n" +
        "        for i in range(0, n, 4096):\n" +
        "            b[i] = 1\n" +
        "        _held.append(b)\n" +
        "    end = t0 + float(args.get('ms', 0)) / 1000.0\n" +
        "    if args.get('busy'):\n" +
        "        while time.monotonic() < end:\n" +
        "            pass\n" +
        "    else:\n" +
        "        d = end - time.monotonic()\n" +
        "        if d > 0:\n" +
        "            time.sleep(d)\n" +
        "    return {'ok': True}\n";

    public const string NodeCode =
        "let held = null;\n" +
        "function main(args) {\n" +
        "  const t0 = performance.now();\n" +
        "  const n = Number(args.alloc || 0);\n" +
        "  if (n && !held) { held = Buffer.alloc(n, 1); }\n" +
        "  const end = t0 + Number(args.ms || 0);\n" +
        "  if (args.busy) { while (performance.now() < end) {} return { ok: true }; }\n" +
        "  const d = end - performance.now();\n" +
        "  return new Promise(r => setTimeout(() => r({ ok: true }), Math.max(0, d)));\n" +
        "}\n";

    /// <summary>The generated function's source for a runtime (Node if its name or image says node, else Python).</summary>
    public static string CodeFor(RuntimeSpec r) =>
        r.Name.Contains("node", StringComparison.OrdinalIgnoreCase) || r.Image.Contains("node", StringComparison.OrdinalIgnoreCase) ? NodeCode : PythonCode;

    /// <summary>The driver capacity a replay uses: the scenario's cluster memory, else the driver's default.</summary>
    public static long Capacity(Scenario s, ReplayOptions o) => s.Cluster.IsUnlimited ? o.Driver.ClusterMemoryBytes : s.Cluster.MemoryBytes;

    /// <summary>Refuses (with <see cref="BadInputException"/>, exit 2) a scenario this machine cannot replay faithfully.</summary>
    public static void CheckFits(Scenario s, IReadOnlyList<PlannedCall> plan, ReplayOptions o)
    {
        var problems = new List<string>();
        if (!(o.TimeScale > 0 && o.TimeScale <= 100)) problems.Add($"--time-scale must be in (0, 100], got {o.TimeScale}");
        if (!s.Cluster.IsSingleNode)
            problems.Add($"the scenario's cluster has {s.Cluster.Nodes.Count} node(s){(s.Cluster.Nodes.Any(n => n.Cores > 0) ? " with core limits" : "")}, but the Docker backend is this one machine; replay a single-node scenario (cluster: {{memory: ...}})");
        long capacity = Capacity(s, o);
        long available = MemAvailableBytes();
        if (available > 0 && capacity > available * 0.8)
            problems.Add($"the scenario's container memory ({Units.FormatMemory(capacity)}) is more than 80% of this machine's available memory ({Units.FormatMemory(available)}); lower cluster.memory");
        long smallest = Math.Min(s.Runtimes.Min(r => r.MemoryBytes), s.Functions.Min(f => f.MemoryBytes));
        long maxByMemory = capacity / smallest;
        double meanCold = s.Runtimes.Max(r => r.ColdStart.MeanSeconds);
        double busy = s.Functions.Sum(f => (f.Arrivals?.MeanRatePerSecond ?? 0) * (f.Exec.MeanSeconds * o.TimeScale + meanCold) / o.TimeScale);
        if (busy > o.MaxContainers)
            problems.Add($"the offered load needs about {busy:0.#} containers at once (rate x (exec + cold start)), more than the {o.MaxContainers} this machine runs (--max-containers)");
        if (!s.Cluster.IsUnlimited && maxByMemory > o.MaxContainers)
            problems.Add($"cluster.memory {Units.FormatMemory(capacity)} holds {maxByMemory} containers, more than the {o.MaxContainers} this machine runs (--max-containers)");
        double seconds = s.Duration.Seconds * o.TimeScale;
        double rate = plan.Count / Math.Max(seconds, 1e-9);
        if (rate > o.MaxCallsPerSecond)
            problems.Add($"{plan.Count} calls in {seconds:0.#} s is {rate:0.#} calls/s, more than the load generator issues reliably here (--max-rate {o.MaxCallsPerSecond})");
        // one-shot models start a container per call: the machine's start throughput bounds the rate
        double startCapacity = o.MaxStartsPerSecond ?? StartThroughput(s) ?? 1.0;
        double oneShotRate = s.Functions.Sum(f => f.Arrivals?.MeanRatePerSecond ?? 0) / o.TimeScale;
        foreach (var m in s.Models.Where(m => m.Entry.Has(ModelCapabilities.OneShot)))
            if (oneShotRate > 0.5 * startCapacity)
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"model '{m.Label}' starts a container per call ({oneShotRate:0.##}/s) but this machine starts about {startCapacity:0.##} containers/s (from the calibration profile's parallel starts, else --max-starts-rate); keep it under half of that"));
        if (seconds > 3600) problems.Add($"a real run of {seconds:0} s per model is longer than 1 h; shorten the scenario or use --time-scale");
        foreach (var r in s.Runtimes)
            if (r.MemoryBytes < (16L << 20)) problems.Add($"runtime '{r.Name}': memory {Units.FormatMemory(r.MemoryBytes)} is below the 16MiB a container needs");
        if (problems.Count > 0)
            throw new BadInputException($"scenario '{s.Name}' cannot be replayed on this machine:\n  - " + string.Join("\n  - ", problems));
    }

    /// <summary>Containers per second the calibrated machine starts at best: max over k of k / median start time with k parallel starts.</summary>
    public static double? StartThroughput(Scenario s)
    {
        if (s.CalibrationPath is null) return null;
        var p = CalibrationProfile.LoadFile(s.CalibrationPath);
        var rates = s.Runtimes.Select(r => p.Find(r.Name)).Where(c => c is not null && c.ColdStartMedianByConcurrency.Count > 0)
            .Select(c => c!.ColdStartMedianByConcurrency.Max(x => x.Key / (x.Value / 1000.0))).ToList();
        return rates.Count == 0 ? null : rates.Min();
    }

    private static long MemAvailableBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>
    /// Replays every model of <paramref name="s"/> (or those in <paramref name="models"/>) with the calls of simulated
    /// replication <paramref name="replication"/> and writes invocations.csv, summary.csv, dispatch.csv and
    /// dispatch_summary.csv into <paramref name="outDir"/>.
    /// </summary>
    public static async Task<IReadOnlyList<RealRun>> RunAllAsync(Scenario s, ReplayOptions o, string outDir, IReadOnlyList<string>? models, IContainerEngine? engine, TextWriter log, CancellationToken cancel, int replication = 0)
    {
        var plan = Workload.Plan(s, replication);
        CheckFits(s, plan, o);
        s.ValidateModels();
        var selected = s.Models.Where(m => models is null || models.Count == 0 || models.Contains(m.Label) || models.Contains(m.Model)).ToList();
        if (selected.Count == 0) throw new BadInputException($"no model of the scenario matches {string.Join(", ", models ?? [])}");
        Directory.CreateDirectory(outDir);
        string inv = Path.Combine(outDir, InvocationsCsv.FileName);
        if (File.Exists(inv)) File.Delete(inv);
        var runs = new List<RealRun>();
        bool owns = engine is null;
        engine ??= await DockerContainerEngine.ConnectAsync(o.Engine, cancel).ConfigureAwait(false);
        try
        {
            foreach (var m in selected)
            {
                log.WriteLine($"replay {s.Name} / {m.Label}{(replication == 0 ? "" : $" (replication {replication})")}: {plan.Count} calls over {s.Duration.Seconds * o.TimeScale:0.#} s (time scale {o.TimeScale})");
                runs.Add(await RunModelAsync(s, m, plan, o, engine, inv, log, cancel, replication).ConfigureAwait(false));
            }
        }
        finally
        {
            if (owns) await engine.DisposeAsync().ConfigureAwait(false);
        }
        WriteOutputs(outDir, runs);
        return runs;
    }

    /// <summary>Replays one model with <paramref name="plan"/> (the calls of simulated replication <paramref name="replication"/>, which only labels the summary).</summary>
    public static async Task<RealRun> RunModelAsync(Scenario s, ModelSpec model, IReadOnlyList<PlannedCall> plan, ReplayOptions o, IContainerEngine engine, string invocationsCsv, TextWriter log, CancellationToken cancel, int replication = 0)
    {
        string tmp = Path.Combine(Path.GetTempPath(), $"faas-replay-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(tmp);
        try
        {
            await using var p = await StartPlatformAsync(s, model, o, engine, Path.Combine(tmp, "functions.db"), invocationsCsv, log, cancel).ConfigureAwait(false);
            var sw = Stopwatch.StartNew();
            var sampler = IdleMemorySampler.Start(p, s, sw);
            var (results, issued) = await DispatchAsync(p, s, plan, o, sw, cancel).ConfigureAwait(false);
            double rest = s.Duration.Seconds * 1000 * o.TimeScale - sw.Elapsed.TotalMilliseconds;
            if (rest > 0) await Task.Delay(TimeSpan.FromMilliseconds(rest), cancel).ConfigureAwait(false);
            double idleGbS = await sampler.StopAsync().ConfigureAwait(false);
            var final = await p.SnapshotAsync().ConfigureAwait(false);
            double endSeconds = sw.Elapsed.TotalSeconds;
            var calls = new RealCall[plan.Count];
            for (int i = 0; i < plan.Count; i++)
                calls[i] = new RealCall(i, s.Functions[plan[i].Function].Name, plan[i].ArrivalMicros * o.TimeScale / 1000.0, issued[i], plan[i].ExecMicros * o.TimeScale / 1000.0, results[i]);
            return Conclude(s, model, calls, o, idleGbS, final.ContainersCreated, endSeconds, log, replication);
        }
        finally
        {
            try { Directory.Delete(tmp, true); } catch (IOException) { }
        }
    }

    /// <summary>A fresh platform for <paramref name="model"/> (own function database) with the scenario's runtimes and one generated function per scenario function, its dispatch path warmed up.</summary>
    private static async Task<DockerPlatform> StartPlatformAsync(Scenario s, ModelSpec model, ReplayOptions o, IContainerEngine engine, string database, string invocationsCsv, TextWriter log, CancellationToken cancel)
    {
        var driver = o.Driver with { ClusterMemoryBytes = Capacity(s, o) };
        var options = new DockerPlatformOptions(model.Model, model.Options.ToDictionary(), database, invocationsCsv, driver, o.Engine, s.Name);
        var p = await DockerPlatform.StartAsync(options, engine, log: log, cancel: cancel).ConfigureAwait(false);
        try
        {
            foreach (var r in s.Runtimes)
                await p.CreateRuntimeAsync(r.Name, r.Image, r.MemoryBytes, cancel).ConfigureAwait(false);
            foreach (var fs in s.Functions)
            {
                var rt = s.Runtimes[fs.RuntimeIndex];
                p.CreateFunction(fs.Name, rt.Name, CodeFor(rt), "main", false);
            }
            // warm up the dispatch path (JIT, database) without calling anything
            foreach (var fs in s.Functions) { _ = p.GetFunction(fs.Name); _ = DockerPlatform.RunBody("{\"ms\":1}"); }
            return p;
        }
        catch
        {
            await p.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Issues the calls of <paramref name="plan"/> open loop, each at its (scaled) arrival time on
    /// <paramref name="sw"/>, whatever the platform's progress, from a dedicated thread (sleep to about
    /// 1 ms before the target, then yield-spin); returns each call's result and when it was issued (ms).
    /// </summary>
    private static async Task<(InvocationResult[] Results, double[] IssuedMs)> DispatchAsync(DockerPlatform p, Scenario s, IReadOnlyList<PlannedCall> plan, ReplayOptions o, Stopwatch sw, CancellationToken cancel)
    {
        var tasks = new Task<InvocationResult>[plan.Count];
        var issued = new double[plan.Count];
        var dispatcher = new Thread(() =>
        {
            for (int i = 0; i < plan.Count; i++)
            {
                if (cancel.IsCancellationRequested) break;
                double target = plan[i].ArrivalMicros * o.TimeScale / 1000.0;
                while (true)
                {
                    double rem = target - sw.Elapsed.TotalMilliseconds;
                    if (rem <= 0) break;
                    if (rem > 2) Thread.Sleep(TimeSpan.FromMilliseconds(rem - 1.5));
                    else Thread.Sleep(0);
                }
                var c = plan[i];
                var fs = s.Functions[c.Function];
                long alloc = (long)(fs.MemoryBytes * o.AllocFraction);
                string a = string.Create(CultureInfo.InvariantCulture, $"{{\"ms\":{c.ExecMicros * o.TimeScale / 1000.0:0.###},\"alloc\":{alloc},\"busy\":{(o.BusyWait ? "true" : "false")}}}");
                // the call is made from the thread pool so that a slow synchronous part of one
                // call (database lookup, first-time JIT) never delays the issue of the next;
                // "issued" is taken there, just before the platform sees the call
                int k = i;
                var done = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                tasks[k] = done.Task;
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    issued[k] = sw.Elapsed.TotalMilliseconds;
                    p.InvokeAsync(fs.Name, a).ContinueWith(t => done.SetResult(t.Result), TaskScheduler.Default);
                }, null);
            }
        })
        { IsBackground = true, Name = "replay-dispatch", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        await Task.Run(dispatcher.Join, CancellationToken.None).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        return (await Task.WhenAll(tasks).ConfigureAwait(false), issued);
    }

    /// <summary>The run's dispatch lag (trusted when its p99 is within the limit) and summary, logged in one line.</summary>
    private static RealRun Conclude(Scenario s, ModelSpec model, RealCall[] calls, ReplayOptions o, double idleGbS, long containers, double endSeconds, TextWriter log, int replication)
    {
        var lags = calls.Select(c => c.LagMs).ToList();
        double lag50 = NearestRank.Quantile(lags, 0.5), lag99 = NearestRank.Quantile(lags, 0.99), lagMax = lags.Count == 0 ? 0 : lags.Max();
        bool trusted = !(lag99 > o.LagLimitMs);
        var summary = Summarise(s.Name, model.Label, SeedSequence.Replication(s.Seed, replication), calls, idleGbS, containers, endSeconds, replication);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {model.Label}: {summary.Cold} cold, {summary.Prewarm} prewarm, {summary.Warm} warm, {summary.Failed} failed, {summary.Dropped} dropped; p50 {summary.P50Ms:0.#} ms, p99 {summary.P99Ms:0.#} ms; dispatch lag p99 {lag99:0.##} ms, max {lagMax:0.##} ms{(trusted ? "" : " -- LOAD GENERATOR FELL BEHIND: results not trusted")}"));
        return new RealRun(model, summary, calls, lag50, lag99, lagMax, trusted);
    }

    /// <summary>Idle memory-time of a real run: every 100 ms, idle containers × their runtime's memory × the time since the last sample.</summary>
    private sealed class IdleMemorySampler
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _task = Task.CompletedTask;
        private double _idleGbS;

        public static IdleMemorySampler Start(DockerPlatform p, Scenario s, Stopwatch sw)
        {
            var sampler = new IdleMemorySampler();
            var memOf = s.Runtimes.ToDictionary(r => r.Name, r => r.MemoryBytes);
            sampler._task = Task.Run(async () =>
            {
                double last = sw.Elapsed.TotalSeconds;
                while (!sampler._stop.IsCancellationRequested)
                {
                    try { await Task.Delay(100, sampler._stop.Token).ConfigureAwait(false); } catch (OperationCanceledException) { }
                    var snap = await p.SnapshotAsync().ConfigureAwait(false);
                    double now = sw.Elapsed.TotalSeconds;
                    double idleBytes = snap.Runtimes.Sum(r => r.Idle * (double)(memOf.TryGetValue(r.Runtime, out var mb) ? mb : 0));
                    sampler._idleGbS += idleBytes / (1L << 30) * (now - last);
                    last = now;
                }
            }, CancellationToken.None);
            return sampler;
        }

        /// <summary>Stops after one last sample and returns the idle memory-time in GB·s.</summary>
        public async Task<double> StopAsync()
        {
            _stop.Cancel();
            await _task.ConfigureAwait(false);
            _stop.Dispose();
            return _idleGbS;
        }
    }

    /// <summary>
    /// A summary.csv row from real calls, by the simulator's summariser (<see cref="RunMetrics"/>): latency
    /// is each call's measured total (<see cref="CallTimeline.TotalMicros"/>, arrival to result) and its
    /// quantiles are exact (<see cref="ExactLatencies"/>: a replay has few calls); idle memory-time and
    /// containers come from the replay's own measurements.
    /// </summary>
    public static RunSummary Summarise(string scenario, string model, ulong seed, IReadOnlyList<RealCall> calls, double idleGbS, long containers, double endSeconds, int replication = 0)
    {
        var metrics = new RunMetrics(new ExactLatencies());
        foreach (var c in calls)
        {
            var r = c.Result;
            metrics.OnArrival();
            var status = r.Ok ? CallStatus.Completed : r.ErrorKind is ErrorKinds.Dropped ? CallStatus.Dropped : CallStatus.Failed;
            metrics.Add(status, r.StartType ?? StartType.Warm, r.Timeline.TotalMicros, r.Timeline.QueueMicros);
        }
        return metrics.Summarise(scenario, model, replication, seed, idleGbS, containers, endSeconds);
    }

    /// <summary>summary.csv (simulator columns), dispatch.csv (one row per call with its dispatch lag) and dispatch_summary.csv (per model; trusted = p99 lag within the limit).</summary>
    public static void WriteOutputs(string outDir, IReadOnlyList<RealRun> runs)
    {
        Directory.CreateDirectory(outDir);
        using (var w = new StreamWriter(Path.Combine(outDir, SummaryCsv.FileName))) SummaryCsv.Write(w, runs.Select(r => r.Summary));
        DispatchCsv.Write(outDir,
            runs.SelectMany(r => r.Calls.Select(c => new DispatchCsv.Row(r.Model.Label, c.Index, c.Function, c.TargetMs, c.IssuedMs, c.LagMs, c.PlannedExecMs,
                c.Result.Ok, c.Result.ErrorKind, c.Result.StartType, c.Result.Timings.QueueMs, c.Result.Timings.StartupMs, c.Result.Timings.InitMs,
                c.Result.Timings.ExecMs, c.Result.Timings.TotalMs))),
            runs.Select(r => new DispatchCsv.ModelRow(r.Model.Label, r.Calls.Count, r.LagP50Ms, r.LagP99Ms, r.LagMaxMs, r.Trusted)));
    }
}
