namespace Faas.Experiments.Slurm;

/// <summary>Where a Slurm sweep stands (<see cref="SlurmSweep.Status"/>).</summary>
/// <param name="MergeState">The merge job's Slurm state (<c>unknown</c> when Slurm forgot it, <c>none</c> without a merge job).</param>
/// <param name="Merged">The merged result (its manifest) is written.</param>
public sealed record SlurmStatus(string Root, int ShardCount, IReadOnlyList<SlurmStatus.Shard> Shards, string? MergeJobId, string MergeState, bool Merged, string ResultDir)
{
    /// <summary>How a shard stands.</summary>
    public enum ShardState
    {
        /// <summary>Its partial folder is complete.</summary>
        Done,

        /// <summary>Slurm still runs it or will (pending, running, requeued...).</summary>
        Active,

        /// <summary>Not done and nothing queued for it.</summary>
        Failed,
    }

    /// <summary>One shard; <paramref name="SlurmState"/> and <paramref name="JobId"/> are null when Slurm no longer knows its task.</summary>
    public sealed record Shard(int Index, ShardState State, string? SlurmState, string? JobId);

    public int Done => Shards.Count(s => s.State == ShardState.Done);
    public int Active => Shards.Count(s => s.State == ShardState.Active);
    public int Failed => Shards.Count(s => s.State == ShardState.Failed);

    /// <summary>The merge job is queued or running.</summary>
    public bool MergeActive => SlurmSweep.MergeQueued(MergeState);

    /// <summary>Finished: the merged result is there and no merge is still to come.</summary>
    public bool Finished => Merged && !MergeActive;

    /// <summary>Something is still to come (a shard or the merge).</summary>
    public bool InProgress => !Finished && (Active > 0 || MergeActive);
}
