namespace Faas.Experiments.Slurm;

/// <summary>Inputs of the sbatch scripts.</summary>
public sealed record SlurmScriptSpec(string Scenario, int Shards, string Root, string Dotnet, string Dll, string? Partition, string? Time, int Cpus,
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
