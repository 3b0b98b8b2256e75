using System.CommandLine;
using Faas.Experiments;
using Faas.Workloads.Scenarios;

namespace Faas.Cli.Commands;

/// <summary><c>run &lt;scenario.yaml&gt; --out DIR</c>: simulate every model and replication of a scenario and write the CSVs.</summary>
public static class RunCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file (see scenarios/README.md)." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder for invocations.csv, timeseries.csv and summary.csv (created).", Required = true };
        var model = new Option<string[]>("--model", "-m") { Description = "Run only this model (label or name); repeatable. Default: all models of the scenario.", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<ulong?>("--seed") { Description = "Root seed, overriding the scenario's 'seed'." };
        var reps = new Option<int?>("--replications", "-r") { Description = "Replications, overriding the scenario's 'replications'." };
        var noInv = new Option<bool>("--no-invocations") { Description = "Skip invocations.csv (one row per call) for huge runs; summaries are unchanged." };
        var noTs = new Option<bool>("--no-timeseries") { Description = "Skip timeseries.csv." };
        var workers = new Option<int>("--workers", "-j") { Description = "Runs in parallel (default: number of cores). Results do not depend on it." };
        var maxDuration = new Option<string?>("--max-duration") { Description = "Cap the scenario's duration (e.g. 10m) for quick checks." };
        var cmd = new Command("run", "Simulate a scenario: every model x replication; writes CSVs into --out and prints a summary table.")
        {
            scenario, outDir, model, seed, reps, noInv, noTs, workers, maxDuration,
        };
        cmd.SetAction(p =>
        {
            var s = ScenarioLoader.LoadFile(p.GetValue(scenario)!);
            Faas.Platform.ModelCatalog.Validate(s);
            int? r = p.GetValue(reps);
            if (r is < 1) throw new BadInputException("--replications must be at least 1");
            Faas.Engine.SimDuration? cap = null;
            if (p.GetValue(maxDuration) is { } md)
            {
                cap = Units.TryParseDuration(md, out var err) ?? throw new BadInputException($"--max-duration: {err}");
                if (cap.Value.Micros <= 0) throw new BadInputException("--max-duration must be greater than zero");
            }
            var options = new ExperimentOptions(
                p.GetValue(outDir)!,
                p.GetValue(model) is { Length: > 0 } ms ? ms : null,
                p.GetValue(seed),
                r,
                !p.GetValue(noInv),
                !p.GetValue(noTs),
                p.GetValue(workers),
                cap);
            s = ExperimentRunner.Resolve(s, options);
            var plan = ExperimentRunner.Plan(s, options);
            stderr.WriteLine($"{s.Name}: {plan.Count} runs ({string.Join(", ", plan.Select(x => x.Model.Label).Distinct())}; {options.Replications ?? s.Replications} replication(s)), ~{s.ExpectedCalls:0} calls each");
            ExperimentResult result;
            using (var progress = new ConsoleProgress(stderr, s.Name, plan.Count))
                result = ExperimentRunner.Run(s, options, progress.Report);
            ResultTable.Write(stdout, result.Summaries);
            stdout.WriteLine($"wrote {string.Join(", ", result.Files.Select(Path.GetFileName))} to {options.OutDir} in {result.Elapsed.TotalSeconds:0.0} s");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
