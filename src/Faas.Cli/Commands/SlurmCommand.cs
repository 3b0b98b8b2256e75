using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Faas.Experiments;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>slurm submit|resubmit|status</c>: runs a sweep as a Slurm job array (one task per shard,
/// <c>run --shard $SLURM_ARRAY_TASK_ID/N</c>) plus a merge job with <c>--dependency=afterok</c> on it.
/// Layout under <c>--out ROOT</c>: <c>shards/&lt;i&gt;/</c> (partial folders), <c>result/</c> (merged),
/// <c>slurm/</c> (shards.sbatch, merge.sbatch, jobs.json, logs/).
/// </summary>
public static class SlurmCommand
{
    public const string JobsFile = "jobs.json";

    /// <summary>What <c>slurm submit</c> recorded in <c>ROOT/slurm/jobs.json</c>.</summary>
    public sealed class JobsInfo
    {
        public required string Scenario { get; init; }
        public int Shards { get; init; }
        public required string Root { get; init; }
        public List<Submission> Submissions { get; init; } = [];
    }

    /// <summary>One sbatch: kind "array" (tasks "0-3" or "2") or "merge".</summary>
    public sealed class Submission
    {
        public required string Kind { get; init; }
        public required string JobId { get; init; }
        public string Tasks { get; init; } = "";
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("slurm", "Run a sweep on a Slurm cluster: 'submit' a job array of shards and a merge job, 'resubmit' a failed shard, 'status' of each shard.");
        cmd.Subcommands.Add(BuildSubmit(stdout, stderr));
        cmd.Subcommands.Add(BuildResubmit(stdout, stderr));
        cmd.Subcommands.Add(BuildStatus(stdout, stderr));
        return cmd;
    }

    /// <summary>Inputs of the sbatch scripts.</summary>
    public sealed record ScriptSpec(string Scenario, int Shards, string Root, string Dotnet, string Dll, string? Partition, string? Time, int Cpus,
        IReadOnlyList<string> RunArgs, bool Charts)
    {
        public string ShardsDir => Path.Combine(Root, "shards");
        public string ResultDir => Path.Combine(Root, "result");
        public string SlurmDir => Path.Combine(Root, "slurm");
        public string LogsDir => Path.Combine(SlurmDir, "logs");
        public string ArrayScript => Path.Combine(SlurmDir, "shards.sbatch");
        public string MergeScript => Path.Combine(SlurmDir, "merge.sbatch");
        /// <summary>The scenario file's name, reduced to characters safe in a job name.</summary>
        public string JobName => new(Path.GetFileNameWithoutExtension(Scenario).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
    }

    /// <summary>Single-quotes a word for bash.</summary>
    public static string Sh(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,+@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    private static void Header(StringBuilder b, ScriptSpec s, string name, string output)
    {
        b.Append("#!/bin/bash\n");
        b.Append($"#SBATCH --job-name={name}\n");
        if (s.Partition is { } p) b.Append($"#SBATCH --partition={p}\n");
        if (s.Time is { } t) b.Append($"#SBATCH --time={t}\n");
        b.Append("#SBATCH --ntasks=1\n");
        b.Append($"#SBATCH --cpus-per-task={s.Cpus}\n");
        b.Append($"#SBATCH --output={output}\n");
        b.Append($"#SBATCH --chdir={s.Root}\n");
    }

    /// <summary>The job-array script: task i runs shard i/N into shards/i.</summary>
    public static string ArrayScript(ScriptSpec s)
    {
        var b = new StringBuilder();
        Header(b, s, $"faas-{s.JobName}-shards", Path.Combine(s.LogsDir, "shard-%A_%a.out"));
        b.Append($"#SBATCH --array=0-{s.Shards - 1}\n");
        b.Append("set -euo pipefail\n");
        b.Append($"# faas-sim: shard $SLURM_ARRAY_TASK_ID of {s.Shards} of {s.Scenario}\n");
        var args = new List<string> { s.Dotnet, s.Dll, "run", s.Scenario };
        b.Append("exec " + string.Join(" ", args.Select(Sh)) + $" --shard \"${{SLURM_ARRAY_TASK_ID}}/{s.Shards}\" --out {Sh(s.ShardsDir)}/\"${{SLURM_ARRAY_TASK_ID}}\" --workers {s.Cpus}"
            + string.Concat(s.RunArgs.Select(a => " " + Sh(a))) + "\n");
        return b.ToString();
    }

    /// <summary>The merge script (submitted with --dependency=afterok:&lt;array job&gt;).</summary>
    public static string MergeScript(ScriptSpec s)
    {
        var b = new StringBuilder();
        Header(b, s, $"faas-{s.JobName}-merge", Path.Combine(s.LogsDir, "merge-%j.out"));
        b.Append("#SBATCH --kill-on-invalid-dep=yes\n");
        b.Append("set -euo pipefail\n");
        var args = new List<string> { s.Dotnet, s.Dll, "merge", s.ShardsDir, "--out", s.ResultDir };
        if (!s.Charts) args.Add("--no-charts");
        b.Append("exec " + string.Join(" ", args.Select(Sh)) + "\n");
        return b.ToString();
    }

    /// <summary>The dotnet host that runs the CLI: DOTNET_HOST_PATH, this process if it is dotnet, else dotnet on PATH.</summary>
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h)) return h;
        if (Environment.ProcessPath is { } pp && Path.GetFileNameWithoutExtension(pp) == "dotnet") return pp;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            string c = Path.Combine(dir, "dotnet");
            if (File.Exists(c)) return Path.GetFullPath(c);
        }
        throw new BadInputException("cannot find the dotnet host; put dotnet on PATH");
    }

    /// <summary>faas-sim.dll of this process, when it can run on its own (runtimeconfig next to it).</summary>
    public static string DefaultDll() => typeof(SlurmCommand).Assembly.Location;

    public static (int Exit, string Out, string Err) Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process proc;
        try
        {
            proc = Process.Start(psi) ?? throw new BadInputException($"cannot start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BadInputException($"cannot run {file}: {e.Message} (is Slurm installed? scripts/slurm-up.sh)");
        }
        using (proc)
        {
            var err = proc.StandardError.ReadToEndAsync();
            string o = proc.StandardOutput.ReadToEnd();
            proc.WaitForExit();
            return (proc.ExitCode, o, err.Result);
        }
    }

    private static string Sbatch(TextWriter stderr, params string[] args)
    {
        var (code, o, e) = Exec("sbatch", ["--parsable", .. args]);
        if (code != 0) throw new InvalidOperationException($"sbatch {string.Join(" ", args)} failed (exit {code}): {e.Trim()}");
        return o.Trim().Split(';')[0];
    }

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
            var spec = new ScriptSpec(scen, n, root, DotnetHost(), dll, p.GetValue(partition), p.GetValue(time), c, runArgs, !p.GetValue(noCharts));
            string array = ArrayScript(spec), merge = MergeScript(spec);
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
            Directory.CreateDirectory(spec.LogsDir);
            Directory.CreateDirectory(spec.ShardsDir);
            File.WriteAllText(spec.ArrayScript, array);
            File.WriteAllText(spec.MergeScript, merge);
            string arrayId = Sbatch(stderr, spec.ArrayScript);
            string mergeId = Sbatch(stderr, $"--dependency=afterok:{arrayId}", spec.MergeScript);
            var jobs = new JobsInfo { Scenario = scen, Shards = n, Root = root };
            jobs.Submissions.Add(new Submission { Kind = "array", JobId = arrayId, Tasks = $"0-{n - 1}" });
            jobs.Submissions.Add(new Submission { Kind = "merge", JobId = mergeId });
            SaveJobs(root, jobs);
            stdout.WriteLine($"array job {arrayId} ({n} shards: {arrayId}_0 … {arrayId}_{n - 1}), merge job {mergeId} (afterok:{arrayId})");
            stdout.WriteLine($"shards -> {spec.ShardsDir}/<i>, merged result -> {spec.ResultDir}, logs -> {spec.LogsDir}");
            stdout.WriteLine($"watch:  faas-sim slurm status {root}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static void SaveJobs(string root, JobsInfo jobs) =>
        File.WriteAllText(Path.Combine(root, "slurm", JobsFile), JsonSerializer.Serialize(jobs, Json) + "\n");

    /// <summary>Reads ROOT/slurm/jobs.json (ROOT as given to submit --out).</summary>
    public static JobsInfo LoadJobs(string root)
    {
        string path = Path.Combine(root, "slurm", JobsFile);
        if (!File.Exists(path)) throw new BadInputException($"{root}: no slurm/{JobsFile}; not a folder written by 'slurm submit'");
        try
        {
            return JsonSerializer.Deserialize<JobsInfo>(File.ReadAllText(path), Json) ?? throw new BadInputException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{path}: invalid ({e.Message})");
        }
    }

    private static Command BuildResubmit(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "The --out folder of 'slurm submit'." };
        var shard = new Option<int>("--shard") { Description = "The shard to run again.", Required = true };
        var cmd = new Command("resubmit", "Resubmit one (failed) shard as a one-task array, and a new merge job after it.") { dir, shard };
        cmd.SetAction(p =>
        {
            string root = Path.GetFullPath(p.GetValue(dir)!);
            var jobs = LoadJobs(root);
            int i = p.GetValue(shard);
            if (i < 0 || i >= jobs.Shards) throw new BadInputException($"--shard {i}: the sweep has shards 0..{jobs.Shards - 1}");
            var states = TaskStates(jobs);
            if (states.TryGetValue(i, out var st) && st.State is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING")
                throw new BadInputException($"shard {i} is {st.State} (job {st.JobId}); wait or scancel it first");
            // The old merge job cannot succeed now (its afterok failed, or it would merge without this shard): cancel it if still queued.
            foreach (var m in jobs.Submissions.Where(s => s.Kind == "merge")) Exec("scancel", "--state=PENDING", m.JobId);
            string sdir = Path.Combine(root, "shards", i.ToString(CultureInfo.InvariantCulture));
            if (Directory.Exists(sdir)) Directory.Delete(sdir, true);
            string slurm = Path.Combine(root, "slurm");
            string arrayId = Sbatch(stderr, $"--array={i}", Path.Combine(slurm, "shards.sbatch"));
            string mergeId = Sbatch(stderr, $"--dependency=afterok:{arrayId}", Path.Combine(slurm, "merge.sbatch"));
            jobs.Submissions.Add(new Submission { Kind = "array", JobId = arrayId, Tasks = i.ToString(CultureInfo.InvariantCulture) });
            jobs.Submissions.Add(new Submission { Kind = "merge", JobId = mergeId });
            SaveJobs(root, jobs);
            stdout.WriteLine($"shard {i}: job {arrayId}_{i}; merge job {mergeId} (afterok:{arrayId})");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Latest Slurm state per shard index (from the newest array submission covering it), via squeue -t all.</summary>
    public static Dictionary<int, (string JobId, string State)> TaskStates(JobsInfo jobs)
    {
        var result = new Dictionary<int, (string, string)>();
        foreach (var sub in jobs.Submissions.Where(s => s.Kind == "array"))
        {
            var (code, o, _) = Exec("squeue", "-h", "-r", "-j", sub.JobId, "-t", "all", "-o", "%i|%T");
            if (code != 0) continue; // gone (MinJobAge passed): state unknown
            foreach (var line in o.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Trim().Split('|');
                if (f.Length < 2) continue;
                int us = f[0].LastIndexOf('_');
                if (us < 0 || !int.TryParse(f[0][(us + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int task)) continue;
                result[task] = (f[0], f[1]); // later submissions override
            }
        }
        return result;
    }

    /// <summary>The state of one job (e.g. the merge job), or "unknown" when Slurm no longer knows it.</summary>
    public static string JobState(string id)
    {
        var (code, o, _) = Exec("squeue", "-h", "-j", id, "-t", "all", "-o", "%T");
        return code == 0 && o.Trim().Length > 0 ? o.Trim().Split('\n')[0] : "unknown";
    }

    private static Command BuildStatus(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "The --out folder of 'slurm submit'." };
        var cmd = new Command("status", "Show each shard as done (partial folder complete), pending/running (squeue) or failed, and the merge. Exit 0 when the merged result is there, 3 while shards or the merge are pending/running, 1 when nothing is left queued but a shard or the merge failed.") { dir };
        cmd.SetAction(p =>
        {
            string root = Path.GetFullPath(p.GetValue(dir)!);
            var jobs = LoadJobs(root);
            var states = TaskStates(jobs);
            int done = 0, active = 0, failed = 0;
            for (int i = 0; i < jobs.Shards; i++)
            {
                bool complete = ShardManifest.IsComplete(Path.Combine(root, "shards", i.ToString(CultureInfo.InvariantCulture)));
                states.TryGetValue(i, out var st);
                string what;
                if (complete) { what = "done"; done++; }
                else if (st.State is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "REQUEUED") { what = st.State.ToLowerInvariant(); active++; }
                else { what = $"FAILED ({st.State ?? "unknown to Slurm"}; see slurm/logs; 'faas-sim slurm resubmit {root} --shard {i}')"; failed++; }
                stdout.WriteLine($"shard {i}/{jobs.Shards}: {what}{(st.JobId is null ? "" : $"  [job {st.JobId}]")}");
            }
            var merge = jobs.Submissions.LastOrDefault(s => s.Kind == "merge");
            string result = Path.Combine(root, "result");
            bool merged = File.Exists(Path.Combine(result, "manifest.json"));
            string mstate = merge is null ? "none" : JobState(merge.JobId);
            stdout.WriteLine($"merge: {(merged ? "done" : mstate.ToLowerInvariant())}{(merge is null ? "" : $"  [job {merge.JobId}]")}; result {(merged ? "in " + result : "not yet written")}");
            stdout.WriteLine($"{done} done, {active} pending/running, {failed} failed of {jobs.Shards}");
            bool mergeActive = mstate is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING";
            if (merged && !mergeActive) return ExitCodes.Ok;
            if (active > 0 || mergeActive) return 3;
            return ExitCodes.Failure; // a shard failed, or the merge ended without a result
        });
        return cmd;
    }
}
