using System.CommandLine;
using System.Globalization;
using Faas.Experiments;
using Faas.Fidelity;
using Faas.Plotting;
using Faas.Results;
using Faas.Scenarios;

namespace Faas.Cli.Commands;

/// <summary>
/// Real-mode fidelity commands: <c>replay</c> (a scenario on Docker), <c>calibrate</c> (measure
/// this machine into a profile) and <c>validate-real</c> (simulation vs reality, side by side).
/// </summary>
public static class FidelityCommands
{
    private sealed class ReplayArgs
    {
        public Option<double> TimeScale { get; } = new("--time-scale") { Description = "Multiply arrival times and execution times by F (0.5 = twice as fast). Container start, code injection and policy timers (ttl, window) are not scaled. Default 1.", DefaultValueFactory = _ => 1.0 };
        public Option<string[]> Model { get; } = new("--model", "-m") { Description = "Only this model (label or name); repeatable.", AllowMultipleArgumentsPerToken = true };
        public Option<string> Exec { get; } = new("--exec") { Description = "How a generated function spends its execution time: sleep (default) or busy (spins a CPU).", DefaultValueFactory = _ => "sleep" };
        public Option<double> AllocFraction { get; } = new("--alloc-fraction") { Description = "Fraction of the function's declared memory each container allocates and touches once (default 0.25).", DefaultValueFactory = _ => 0.25 };
        public Option<int> MaxContainers { get; } = new("--max-containers") { Description = "Refuse scenarios needing more containers at once than this (default 32).", DefaultValueFactory = _ => 32 };
        public Option<double> MaxRate { get; } = new("--max-rate") { Description = "Refuse scenarios offering more calls per second than this (default 40).", DefaultValueFactory = _ => 40.0 };
        public Option<double> LagLimit { get; } = new("--lag-limit") { Description = "A run whose p99 dispatch lag exceeds this many ms is flagged untrusted (default 20).", DefaultValueFactory = _ => 20.0 };
        public Option<double?> MaxStartsRate { get; } = new("--max-starts-rate") { Description = "Containers this machine starts per second (default: from the calibration profile's parallel starts, else 1); one-shot models (prewarm-pool, cold-only) may call at most half of it." };
        public Option<string?> Calibration { get; } = new("--calibration") { Description = "Calibration profile (faas-sim calibrate) whose cold_start, init, start contention (cold_start_median_by_concurrency) and warm/prewarm dispatch overheads replace the scenario's (wins over the scenario's own 'calibration' key)." };
        public RealModeOptions Real { get; } = new();

        public void AddTo(Command cmd)
        {
            foreach (var o in new Option[] { TimeScale, Model, Exec, AllocFraction, MaxContainers, MaxRate, LagLimit, MaxStartsRate, Calibration }) cmd.Options.Add(o);
            Real.AddTo(cmd);
        }

        public ReplayOptions Options(ParseResult p)
        {
            string exec = p.GetValue(Exec)!;
            if (exec is not ("sleep" or "busy")) throw new BadInputException($"--exec must be sleep or busy, got '{exec}'");
            double alloc = p.GetValue(AllocFraction);
            if (!(alloc >= 0 && alloc <= 0.8)) throw new BadInputException("--alloc-fraction must be between 0 and 0.8");
            return new ReplayOptions(Real.Driver(p), Real.Engine(p), p.GetValue(TimeScale), exec == "busy", alloc, p.GetValue(MaxContainers), p.GetValue(MaxRate), p.GetValue(LagLimit), p.GetValue(MaxStartsRate));
        }

        public Scenario Load(ParseResult p, string path)
        {
            var s = ScenarioLoader.LoadFile(path);
            if (p.GetValue(Calibration) is { } cal) s = CalibrationProfile.LoadFile(cal).ApplyTo(s, cal);
            s.ValidateModels();
            return s;
        }
    }

    private static int WithCancel(Func<CancellationToken, Task<int>> body)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try { return body(cts.Token).GetAwaiter().GetResult(); }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    public static Command Replay(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file." };
        var backend = new Option<string>("--backend") { Description = "Where to run: docker (the simulator is 'faas-sim run').", DefaultValueFactory = _ => "docker" };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder: invocations.csv, summary.csv, dispatch.csv (per call: planned/issued time, lag), dispatch_summary.csv.", Required = true };
        var a = new ReplayArgs();
        var cmd = new Command("replay", "Run a scenario for real on Docker, open loop, with the simulator's arrival and execution-time draws (replication 0); each model in turn.") { scenario, backend, outDir };
        a.AddTo(cmd);
        cmd.SetAction(p =>
        {
            if (p.GetValue(backend) != "docker") throw new BadInputException($"--backend: only 'docker' replays (simulate with 'faas-sim run'), got '{p.GetValue(backend)}'");
            var s = a.Load(p, p.GetValue(scenario)!);
            var o = a.Options(p);
            string dir = p.GetValue(outDir)!;
            return WithCancel(async cancel =>
            {
                var runs = await ReplayRunner.RunAllAsync(s, o, dir, p.GetValue(a.Model), null, stderr, cancel);
                ResultTable.Write(stdout, runs.Select(r => r.Summary).ToList());
                foreach (var r in runs.Where(r => !r.Trusted))
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WARNING: {r.Model.Label}: dispatch lag p99 {r.LagP99Ms:0.#} ms > {o.LagLimitMs} ms: the load generator fell behind; do not trust this run"));
                stdout.WriteLine($"wrote invocations.csv, summary.csv, dispatch.csv, dispatch_summary.csv to {dir}");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    public static Command Calibrate(TextWriter stdout, TextWriter stderr)
    {
        var outPath = new Option<string>("--out", "-o") { Description = "Profile YAML to write (raw samples go to <name>.samples.csv next to it).", Required = true };
        var samples = new Option<int>("--samples", "-n") { Description = "Samples per measurement (default 20).", DefaultValueFactory = _ => 20 };
        var runtimes = new Option<string[]>("--runtime") { Description = "Runtimes to calibrate (image faas-runtime-NAME); repeatable. Default: python node.", AllowMultipleArgumentsPerToken = true };
        var levels = new Option<int[]>("--concurrency") { Description = "Parallel-start levels (default 1 2 4 8).", AllowMultipleArgumentsPerToken = true };
        var real = new RealModeOptions();
        var cmd = new Command("calibrate", "Measure this machine (per runtime: cold start, code injection, warm/prewarm dispatch overhead, removal, start time under 1/2/4/8 parallel starts) and write a calibration profile for scenarios ('calibration: profile.yaml').") { outPath, samples, runtimes, levels };
        real.AddTo(cmd);
        cmd.SetAction(p =>
        {
            int n = p.GetValue(samples);
            if (n < 2 || n > 1000) throw new BadInputException("--samples must be between 2 and 1000");
            var rts = p.GetValue(runtimes) is { Length: > 0 } r ? r : ["python", "node"];
            var lv = p.GetValue(levels) is { Length: > 0 } l ? l : [1, 2, 4, 8];
            if (lv.Any(k => k < 1 || k > 16)) throw new BadInputException("--concurrency levels must be between 1 and 16");
            if (!lv.Contains(1)) lv = [1, .. lv];
            var driver = real.Driver(p);
            var eng = real.Engine(p);
            string path = p.GetValue(outPath)!;
            return WithCancel(async cancel =>
            {
                await using var engine = await Faas.Backends.Docker.Engine.DockerContainerEngine.ConnectAsync(eng, cancel);
                foreach (var rt in rts)
                    if (await engine.ImageIdAsync("faas-runtime-" + rt, cancel) is null)
                        throw new BadInputException($"image faas-runtime-{rt} is not present (scripts/build-runtime-images.sh)");
                var c = new Calibrator(engine, driver, eng, stderr, cancel);
                var profile = await c.RunAsync(rts, n, lv.Distinct().Order().ToArray());
                profile.Save(path);
                c.WriteSamples(Calibrator.SamplesPath(path));
                stdout.WriteLine($"wrote {path} and {Calibrator.SamplesPath(path)} ({c.Samples.Count} samples)");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    public static Command ValidateReal(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder: sim/, real/ (real/repI/ with several real replications), comparison.csv, comparison.md, latency-cdf.png/svg.", Required = true };
        var reps = new Option<int>("--replications", "-r") { Description = "Simulated replications per model (default 5); at least --real-replications.", DefaultValueFactory = _ => 5 };
        var realReps = new Option<int>("--real-replications") { Description = $"Real runs per model (1 to {Validator.MaxRealReplications}, default 1): real run i replays the calls of simulated replication i (real/rep0, real/rep1, ...). With more than 1, targets are judged paired: simulated replications 0..R-1 pooled against the R real runs pooled.", DefaultValueFactory = _ => 1 };
        var a = new ReplayArgs();
        var cmd = new Command("validate-real", "Simulation vs reality: run a scenario in simulation (N replications) and on Docker with the same workload (--real-replications R: R real runs, paired with simulated replications 0..R-1); compare start-type fractions, latency percentiles, idle memory-time and containers per model. The simulation caps parallel container starts like the replay (--max-parallel-starts) unless the scenario sets max_parallel_starts. ('validate' checks scenario files.)") { scenario, outDir, reps, realReps };
        a.AddTo(cmd);
        cmd.SetAction(p =>
        {
            var s = a.Load(p, p.GetValue(scenario)!);
            if (s.CalibrationPath is null) stderr.WriteLine("note: no calibration profile (--calibration or the scenario's 'calibration' key): the simulator uses the scenario's own cold_start/init");
            int r = p.GetValue(reps);
            if (r < 1 || r > 1000) throw new BadInputException("--replications must be between 1 and 1000");
            int rr = p.GetValue(realReps);
            if (rr < 1 || rr > Validator.MaxRealReplications) throw new BadInputException($"--real-replications must be between 1 and {Validator.MaxRealReplications}, got {rr}");
            if (rr > r) throw new BadInputException($"--real-replications ({rr}) must not exceed --replications ({r}): real run i is paired with simulated replication i");
            var o = a.Options(p);
            string dir = p.GetValue(outDir)!;
            return WithCancel(async cancel =>
            {
                var rows = await Validator.RunAsync(s, r, o, dir, p.GetValue(a.Model), null, stderr, cancel, rr);
                SimVsRealChart.Save(dir, s.Name, rr);
                stdout.Write(File.ReadAllText(Path.Combine(dir, ResultFiles.ComparisonMarkdown)));
                int missed = rows.Count(x => x.Met == false);
                stdout.WriteLine($"{rows.Count(x => x.Met == true)} targets met, {missed} missed; wrote comparison.csv, comparison.md, latency-cdf.png to {dir}");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }
}
