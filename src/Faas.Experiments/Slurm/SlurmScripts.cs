using System.Text;

namespace Faas.Experiments.Slurm;

/// <summary>
/// The sbatch scripts of a sharded sweep: a job array whose task i runs shard i/N of the sweep into
/// <c>shards/i</c>, and a merge job (submitted with <c>--dependency=afterok</c> on the array) that
/// merges the shards into <c>result/</c>.
/// </summary>
public static class SlurmScripts
{
    /// <summary>Single-quotes a word for bash.</summary>
    public static string Sh(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,+@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    private static void Header(StringBuilder b, SlurmScriptSpec s, string name, string output)
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
    public static string ArrayScript(SlurmScriptSpec s)
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
    public static string MergeScript(SlurmScriptSpec s)
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
}
