namespace Faas.Experiments.Slurm;

/// <summary>One sbatch: kind "array" (tasks "0-3" or "2") or "merge".</summary>
public sealed class SlurmSubmission
{
    public required string Kind { get; init; }
    public required string JobId { get; init; }
    public string Tasks { get; init; } = "";
}
