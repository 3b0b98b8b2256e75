using System.CommandLine;
using System.Globalization;
using Faas.Experiments;
using Faas.Experiments.Slurm;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>slurm submit|resubmit|status</c>: the commands of <see cref="SlurmSweep"/> (a sweep as a Slurm
/// job array of shards, <c>run --shard $SLURM_ARRAY_TASK_ID/N</c>, plus a merge job with
/// <c>--dependency=afterok</c> on it; the scripts are <see cref="SlurmScripts"/>).
/// </summary>
public static class SlurmCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("slurm", "Run a sweep on a Slurm cluster: 'submit' a job array of shards and a merge job, 'resubmit' a failed shard, 'status' of each shard.");
        cmd.Subcommands.Add(BuildSubmit(stdout, stderr));
        cmd.Subcommands.Add(BuildResubmit(stdout, stderr));
        cmd.Subcommands.Add(BuildStatus(stdout, stderr));
        return cmd;
    }

    /// <summary>faas-sim.dll of this process, when it can run on its own (runtimeconfig next to it).</summary>
    public static string DefaultDll() => typeof(SlurmCommand).Assembly.Location;

    private static Command BuildSubmit(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file." };
        var shards = new Option<int>("--shards", "-n") { Description = "Number of shards = array tasks.", Required = true };
        var partition = new Option<string?>("--partition", "-p") { Description = "Slurm partition (default: the cluster's default)." };
        var time = new Option<string?>("--time", "-t") { Description = "Time limit per task, in Slurm's format (e.g. 30:00, 2:00:00)." };
        var cpus = new Option<int>("--cpus") { Description = "CPUs per shard task (its --workers).", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string?>("--out", "-o") { Description = "Root folder: shards/, result/ and slurm/ go under it (default: results/<scenario>-slurm). Must be on storage all nodes share." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the scripts and the sbatch commands; submit nothing." };
        var cli = new Option<string?>("--cli") { Description = "faas-sim.dll the jobs run (default: this one)." };
        var reps = new Option<int?>("--replications", "-r") { Description = "Replications, overriding the scenario's." };
        var seed = new Option<ulong?>("--seed") { Description = "Root seed, overriding the scenario's." };
        var maxDuration = new Option<string?>("--max-duration") { Description = "Cap the scenario's duration (e.g. 10m)." };
        var noCharts = new Option<bool>("--no-charts") { Description = "The merge job draws no charts." };
        var cmd = new Command("submit", "Write and submit a Slurm job array (one task per shard) and a merge job that runs after it (afterok); prints the job ids and where results will appear.")
        {
            scenario, shards, partition, time, cpus, outDir, dryRun, cli, reps, seed, maxDuration, noCharts,
        };
        cmd.SetAction(p =>
        {
            string scen = Path.GetFullPath(p.GetValue(scenario)!);
            var experiment = ExperimentLoader.LoadFile(scen); // bad scenario: exit 2 before anything is submitted
            int n = p.GetValue(shards);
            if (n < 1) throw new BadInputException("--shards must be at least 1");
            int c = p.GetValue(cpus);
            if (c < 1) throw new BadInputException("--cpus must be at least 1");
            var runArgs = new List<string>();
            if (p.GetValue(reps) is { } r) { if (r < 1) throw new BadInputException("--replications must be at least 1"); runArgs.AddRange(["--replications", r.ToString(CultureInfo.InvariantCulture)]); }
            if (p.GetValue(seed) is { } sd) runArgs.AddRange(["--seed", sd.ToString(CultureInfo.InvariantCulture)]);
            if (p.GetValue(maxDuration) is { } md) runArgs.AddRange(["--max-duration", md]);
            string root = Path.GetFullPath(p.GetValue(outDir) ?? Path.Combine("results", experiment.Scenario.Name + "-slurm"));
            string dll = Path.GetFullPath(p.GetValue(cli) ?? DefaultDll());
            if (!File.Exists(dll)) throw new BadInputException($"--cli {dll}: file not found");
            if (!File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
                throw new BadInputException($"{dll} has no {Path.GetFileName(Path.ChangeExtension(dll, ".runtimeconfig.json"))} next to it; pass --cli <path to the built faas-sim.dll>");
            var spec = new SlurmScriptSpec(scen, n, root, SlurmClient.DotnetHost(), dll, p.GetValue(partition), p.GetValue(time), c, runArgs, !p.GetValue(noCharts));
            string array = SlurmScripts.ArrayScript(spec), merge = SlurmScripts.MergeScript(spec);
            if (p.GetValue(dryRun))
            {
                stdout.WriteLine($"# {spec.ArrayScript}");
                stdout.Write(array);
                stdout.WriteLine($"# {spec.MergeScript}");
                stdout.Write(merge);
                stdout.WriteLine($"# would run: sbatch --parsable {spec.ArrayScript}");
                stdout.WriteLine($"# then:      sbatch --parsable --dependency=afterok:<array-job-id> {spec.MergeScript}");
                return ExitCodes.Ok;
            }
            var (arrayId, mergeId) = SlurmSweep.Submit(spec);
            stdout.WriteLine($"array job {arrayId} ({n} shards: {arrayId}_0 … {arrayId}_{n - 1}), merge job {mergeId} (afterok:{arrayId})");
            stdout.WriteLine($"shards -> {spec.ShardsDir}/<i>, merged result -> {spec.ResultDir}, logs -> {spec.LogsDir}");
            stdout.WriteLine($"watch:  faas-sim slurm status {root}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command BuildResubmit(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "The --out folder of 'slurm submit'." };
        var shard = new Option<int>("--shard") { Description = "The shard to run again.", Required = true };
        var cmd = new Command("resubmit", "Resubmit one (failed) shard as a one-task array, and a new merge job after it.") { dir, shard };
        cmd.SetAction(p =>
        {
            string root = Path.GetFullPath(p.GetValue(dir)!);
            int i = p.GetValue(shard);
            var (arrayId, mergeId) = SlurmSweep.Resubmit(root, i);
            stdout.WriteLine($"shard {i}: job {arrayId}_{i}; merge job {mergeId} (afterok:{arrayId})");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command BuildStatus(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "The --out folder of 'slurm submit'." };
        var cmd = new Command("status", "Show each shard as done (partial folder complete), pending/running (squeue) or failed, and the merge. Exit 0 when the merged result is there, 3 while shards or the merge are pending/running, 1 when nothing is left queued but a shard or the merge failed.") { dir };
        cmd.SetAction(p =>
        {
            string root = Path.GetFullPath(p.GetValue(dir)!);
            var st = SlurmSweep.Status(root);
            foreach (var sh in st.Shards)
            {
                string what = sh.State switch
                {
                    SlurmStatus.ShardState.Done => "done",
                    SlurmStatus.ShardState.Active => sh.SlurmState!.ToLowerInvariant(),
                    _ => $"FAILED ({sh.SlurmState ?? "unknown to Slurm"}; see slurm/logs; 'faas-sim slurm resubmit {root} --shard {sh.Index}')",
                };
                stdout.WriteLine($"shard {sh.Index}/{st.ShardCount}: {what}{(sh.JobId is null ? "" : $"  [job {sh.JobId}]")}");
            }
            stdout.WriteLine($"merge: {(st.Merged ? "done" : st.MergeState.ToLowerInvariant())}{(st.MergeJobId is null ? "" : $"  [job {st.MergeJobId}]")}; result {(st.Merged ? "in " + st.ResultDir : "not yet written")}");
            stdout.WriteLine($"{st.Done} done, {st.Active} pending/running, {st.Failed} failed of {st.ShardCount}");
            if (st.Finished) return ExitCodes.Ok;
            if (st.InProgress) return 3;
            return ExitCodes.Failure; // a shard failed, or the merge ended without a result
        });
        return cmd;
    }
}
