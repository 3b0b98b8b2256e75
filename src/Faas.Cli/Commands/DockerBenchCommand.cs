using System.CommandLine;
using System.Globalization;
using Faas.Experiments;
using Faas.Fidelity;
using Faas.Results;

namespace Faas.Cli.Commands;

/// <summary><c>docker-bench</c>: parses the options and runs <see cref="DockerBench"/> (prewarm, warm and cold start overheads of the real backend).</summary>
public static class DockerBenchCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var calls = new Option<int>("--calls", "-n") { Description = "Sequential calls measured for prewarm and for warm starts (default 200).", DefaultValueFactory = _ => 200 };
        var quietCalls = new Option<int>("--quiet-calls") { Description = "Extra prewarm calls each made with the pool full and no Docker work in flight (default 50).", DefaultValueFactory = _ => 50 };
        var coldCalls = new Option<int>("--cold-calls") { Description = "Cold starts measured, each paired with a bare docker create+start+ready (default 20).", DefaultValueFactory = _ => 20 };
        var pool = new Option<int>("--pool") { Description = "Prewarm pool size (min = max) during the prewarm phase (default 3).", DefaultValueFactory = _ => 3 };
        var interval = new Option<string>("--interval") { Description = "Time between the starts of prewarm calls (default 500ms; must let replacements keep up: pool x interval > start time).", DefaultValueFactory = _ => "500ms" };
        var image = new Option<string>("--image") { Description = "Python runtime image (default faas-runtime-python).", DefaultValueFactory = _ => "faas-runtime-python" };
        var outDir = new Option<string>("--out", "-o") { Description = "Keep invocations.csv of all phases in this folder (default: a temp folder, deleted)." };
        var real = new RealModeOptions();
        var cmd = new Command("docker-bench", "Real-engine benchmark: prewarm, warm and cold start overheads vs a bare docker create+start+ready. Last line: prewarm_p50_ms=.. prewarm_p99_ms=.. warm_p50_ms=.. cold_p50_ms=.. docker_run_p50_ms=..")
        {
            calls, quietCalls, coldCalls, pool, interval, image, outDir,
        };
        real.AddTo(cmd);
        cmd.SetAction(p =>
        {
            int n = p.GetValue(calls), nc = p.GetValue(coldCalls), size = p.GetValue(pool);
            if (n < 10) throw new BadInputException("--calls must be at least 10");
            if (nc < 1) throw new BadInputException("--cold-calls must be at least 1");
            if (size < 1 || size > 32) throw new BadInputException("--pool must be between 1 and 32");
            var pace = RealModeOptions.Duration(p.GetValue(interval)!, "--interval");
            var driver = real.Driver(p);
            var engineOptions = real.Engine(p);
            string? keep = p.GetValue(outDir);
            string dir = keep ?? Path.Combine(Path.GetTempPath(), "faas-docker-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                var bench = new DockerBench(stdout, stderr, driver, engineOptions, p.GetValue(image)!, Path.Combine(dir, "functions.db"), Path.Combine(dir, InvocationsCsv.FileName), cts.Token);
                bench.RunAsync(n, p.GetValue(quietCalls), nc, size, pace).GetAwaiter().GetResult();
                return ExitCodes.Ok;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                if (keep is null) try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        });
        return cmd;
    }
}
