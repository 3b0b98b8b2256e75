using System.CommandLine;
using Faas.Engine;
using Faas.Experiments;

namespace Faas.Cli.Commands;

/// <summary><c>run &lt;scenario.yaml&gt; --out DIR</c>: simulate every sweep point, model and replication of a scenario and write the CSVs and manifest.</summary>
public static class RunCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file (see scenarios/README.md)." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder for the CSVs (invocations, timeseries, summary, summary_ci) and manifest.json (created).", Required = true };
        var model = new Option<string[]>("--model", "-m") { Description = "Run only this model (label or name); repeatable. Default: all models of the scenario.", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<ulong?>("--seed") { Description = "Root seed, overriding the scenario's 'seed'." };
        var reps = new Option<int?>("--replications", "-r") { Description = "Replications, overriding the scenario's 'replications'." };
        var noInv = new Option<bool>("--no-invocations") { Description = "Skip invocations.csv (one row per call) for huge runs; summaries are unchanged. Sweeps never write it." };
        var noTs = new Option<bool>("--no-timeseries") { Description = "Skip timeseries.csv. Sweeps never write it." };
        var workers = new Option<int>("--workers", "-j") { Description = "Runs in parallel (default: number of cores). Results do not depend on it." };
        var maxDuration = new Option<string?>("--max-duration") { Description = "Cap the scenario's duration (e.g. 10m) for quick checks." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i/n of the plan (plan indexes k with k mod n = i) and write a partial result folder (shard.json + per-run parts) for 'merge'." };
        var cmd = new Command("run", "Simulate a scenario: every sweep point x model x replication; writes CSVs and manifest.json into --out and prints a summary table.")
        {
            scenario, outDir, model, seed, reps, noInv, noTs, workers, maxDuration, shard,
        };
        cmd.Aliases.Add("sweep");
        cmd.SetAction(p =>
        {
            var experiment = ExperimentLoader.LoadFile(p.GetValue(scenario)!); // validates models and every sweep point
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
            if (p.GetValue(shard) is { } sh) return ShardCommands.RunShard(experiment, options, sh, stdout, stderr);
            return Execute(experiment, options, stdout, stderr);
        });
        return cmd;
    }

    /// <summary>Runs <paramref name="experiment"/> with progress on <paramref name="stderr"/> and a result table on <paramref name="stdout"/>.</summary>
    public static ExperimentResult Run(Experiment experiment, ExperimentOptions options, TextWriter stdout, TextWriter stderr)
    {
        var resolved = ExperimentRunner.Resolve(experiment, options);
        var plan = ExperimentRunner.Plan(resolved, options);
        var s = resolved.Scenario;
        string points = resolved.IsSweep ? $"{resolved.Points.Count} sweep points x " : "";
        double calls = resolved.Points.Average(x => x.Scenario.ExpectedCalls);
        stderr.WriteLine($"{s.Name}: {plan.Count} runs ({points}{string.Join(", ", plan.Select(x => x.Model.Label).Distinct())}; {options.Replications ?? s.Replications} replication(s)), ~{calls:0} calls each");
        ExperimentResult result;
        using (var progress = new ConsoleProgress(stderr, s.Name, plan.Count))
            result = ExperimentRunner.Run(experiment, options, progress.Report);
        if (resolved.IsSweep)
        {
            // One table row per (point, model): averaging across points would mix experiments.
            var rows = result.Plan.Select(item => result.Summaries[item.Index] with
            {
                Model = $"{item.Model.Label} [{string.Join(" ", result.Experiment!.Points[item.Point].Settings.Select(x => $"{x.Parameter.Name}={x.Raw}"))}]",
            }).ToList();
            ResultTable.Write(stdout, rows);
        }
        else
        {
            ResultTable.Write(stdout, result.Summaries);
        }
        stdout.WriteLine($"wrote {string.Join(", ", result.Files.Select(Path.GetFileName))} to {options.OutDir} in {result.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private static int Execute(Experiment experiment, ExperimentOptions options, TextWriter stdout, TextWriter stderr)
    {
        Run(experiment, options, stdout, stderr);
        return ExitCodes.Ok;
    }
}
