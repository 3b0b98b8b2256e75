using System.Text.Json;

namespace Faas.Experiments.Slurm;

/// <summary>What <c>slurm submit</c> recorded in <c>ROOT/slurm/jobs.json</c>.</summary>
public sealed class SlurmJobs
{
    public required string Scenario { get; init; }
    public int Shards { get; init; }
    public required string Root { get; init; }
    public List<SlurmSubmission> Submissions { get; init; } = [];

    /// <summary>The file under ROOT/slurm/.</summary>
    public const string FileName = "jobs.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes ROOT/slurm/jobs.json.</summary>
    public void Save(string root) =>
        File.WriteAllText(Path.Combine(root, "slurm", FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads ROOT/slurm/jobs.json (ROOT as given to submit --out).</summary>
    public static SlurmJobs Load(string root)
    {
        string path = Path.Combine(root, "slurm", FileName);
        if (!File.Exists(path)) throw new BadInputException($"{root}: no slurm/{FileName}; not a folder written by 'slurm submit'");
        try
        {
            return JsonSerializer.Deserialize<SlurmJobs>(File.ReadAllText(path), Json) ?? throw new BadInputException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{path}: invalid ({e.Message})");
        }
    }
}
