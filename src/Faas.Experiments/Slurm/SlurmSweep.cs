using System.Globalization;

namespace Faas.Experiments.Slurm;

/// <summary>
/// A sweep run on Slurm as a job array of shards plus a merge job, under one root folder:
/// <c>shards/&lt;i&gt;/</c> (partial folders), <c>result/</c> (merged), <c>slurm/</c> (the scripts,
/// jobs.json, logs/). Submits, resubmits one shard, and reports progress; the CLI only prints.
/// </summary>
public static class SlurmSweep
{
    /// <summary>Slurm job states of a shard that will still run or finish.</summary>
    private static readonly HashSet<string> Active = new(StringComparer.Ordinal) { "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED" };

    /// <summary>States of a job that is queued or running (a resubmit or a merge waits for them).</summary>
    private static bool Queued(string? state) => state is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING";

    /// <summary>Writes both scripts and jobs.json, submits the array and the merge after it (afterok); returns their job ids.</summary>
    public static (string ArrayId, string MergeId) Submit(SlurmScriptSpec spec)
    {
        Directory.CreateDirectory(spec.LogsDir);
        Directory.CreateDirectory(spec.ShardsDir);
        File.WriteAllText(spec.ArrayScript, SlurmScripts.ArrayScript(spec));
        File.WriteAllText(spec.MergeScript, SlurmScripts.MergeScript(spec));
        string arrayId = SlurmClient.Sbatch(spec.ArrayScript);
        string mergeId = SlurmClient.Sbatch($"--dependency=afterok:{arrayId}", spec.MergeScript);
        var jobs = new SlurmJobs { Scenario = spec.Scenario, Shards = spec.Shards, Root = spec.Root };
        jobs.Submissions.Add(new SlurmSubmission { Kind = "array", JobId = arrayId, Tasks = $"0-{spec.Shards - 1}" });
        jobs.Submissions.Add(new SlurmSubmission { Kind = "merge", JobId = mergeId });
        jobs.Save(spec.Root);
        return (arrayId, mergeId);
    }

    /// <summary>
    /// Runs shard <paramref name="shard"/> again as a one-task array (its old folder removed) with a
    /// new merge job after it; the old merge job is cancelled if still queued. Refuses (bad input) a
    /// shard still queued or running.
    /// </summary>
    public static (string ArrayId, string MergeId) Resubmit(string root, int shard)
    {
        var jobs = SlurmJobs.Load(root);
        if (shard < 0 || shard >= jobs.Shards) throw new BadInputException($"--shard {shard}: the sweep has shards 0..{jobs.Shards - 1}");
        var states = SlurmClient.TaskStates(jobs);
        if (states.TryGetValue(shard, out var st) && Queued(st.State))
            throw new BadInputException($"shard {shard} is {st.State} (job {st.JobId}); wait or scancel it first");
        // The old merge job cannot succeed now (its afterok failed, or it would merge without this shard): cancel it if still queued.
        foreach (var m in jobs.Submissions.Where(s => s.Kind == "merge")) SlurmClient.Exec("scancel", "--state=PENDING", m.JobId);
        string sdir = Path.Combine(root, "shards", shard.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(sdir)) Directory.Delete(sdir, true);
        string slurm = Path.Combine(root, "slurm");
        string arrayId = SlurmClient.Sbatch($"--array={shard}", Path.Combine(slurm, "shards.sbatch"));
        string mergeId = SlurmClient.Sbatch($"--dependency=afterok:{arrayId}", Path.Combine(slurm, "merge.sbatch"));
        jobs.Submissions.Add(new SlurmSubmission { Kind = "array", JobId = arrayId, Tasks = shard.ToString(CultureInfo.InvariantCulture) });
        jobs.Submissions.Add(new SlurmSubmission { Kind = "merge", JobId = mergeId });
        jobs.Save(root);
        return (arrayId, mergeId);
    }

    /// <summary>Each shard as done (its partial folder complete), still active (squeue) or failed, and the merge.</summary>
    public static SlurmStatus Status(string root)
    {
        var jobs = SlurmJobs.Load(root);
        var states = SlurmClient.TaskStates(jobs);
        var shards = new List<SlurmStatus.Shard>();
        for (int i = 0; i < jobs.Shards; i++)
        {
            bool complete = ShardManifest.IsComplete(Path.Combine(root, "shards", i.ToString(CultureInfo.InvariantCulture)));
            states.TryGetValue(i, out var st);
            var state = complete ? SlurmStatus.ShardState.Done : st.State is { } s && Active.Contains(s) ? SlurmStatus.ShardState.Active : SlurmStatus.ShardState.Failed;
            shards.Add(new SlurmStatus.Shard(i, state, st.State, st.JobId));
        }
        var merge = jobs.Submissions.LastOrDefault(s => s.Kind == "merge");
        string result = Path.Combine(root, "result");
        return new SlurmStatus(root, jobs.Shards, shards, merge?.JobId, merge is null ? "none" : SlurmClient.JobState(merge.JobId),
            File.Exists(Path.Combine(result, Faas.Results.ResultFiles.Manifest)), result);
    }

    /// <summary>Whether the merge job is queued or running.</summary>
    internal static bool MergeQueued(string state) => Queued(state);
}
