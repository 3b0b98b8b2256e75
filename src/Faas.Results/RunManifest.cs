using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Results;

/// <summary>
/// manifest.json of a results folder: everything needed to know what produced its CSVs and to
/// produce them again: the scenario (file, SHA-256 and full text), the options given, the
/// resolved parameters, the seeds, the output files with their hashes, and provenance (git
/// commit, tool and package versions, machine, wall-clock start and end). Wall-clock times live
/// only here, never in the CSVs, so a rerun gives byte-identical CSVs; a rerun compares its
/// outputs against <see cref="Outputs"/>.
/// </summary>
public sealed class RunManifest
{
    public const string FileName = ResultFiles.Manifest;

    /// <summary>Format tag; bumped if a field changes meaning.</summary>
    public const string CurrentFormat = "faas-sim-manifest/1";

    public string Format { get; init; } = CurrentFormat;
    public required ScenarioInfo Scenario { get; init; }
    public required OptionsInfo Options { get; init; }
    public required ResolvedInfo Resolved { get; init; }
    public required IReadOnlyList<SeedInfo> Seeds { get; init; }
    public required IReadOnlyList<OutputInfo> Outputs { get; init; }
    public required ProvenanceInfo Provenance { get; init; }

    /// <summary>Set only by <c>merge --partial</c> when shards were missing: the result holds only some runs. Absent (not null) otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PartialInfo? Partial { get; set; }

    /// <summary>Which shards of a sharded sweep a partial merge combined.</summary>
    public sealed class PartialInfo
    {
        public int ShardCount { get; init; }
        public required IReadOnlyList<int> MergedShards { get; init; }
        public required IReadOnlyList<int> MissingShards { get; init; }
        public int RunsMerged { get; init; }
        public int RunsPlanned { get; init; }
    }

    /// <summary>The scenario as run. <see cref="Yaml"/> is the whole file, so a rerun does not depend on the file still being there unchanged.</summary>
    public sealed class ScenarioInfo
    {
        public required string Name { get; init; }
        public string Description { get; init; } = "";
        /// <summary>Claims of the seed design this scenario tests (its <c>claim:</c> key).</summary>
        public IReadOnlyList<int> Claims { get; init; } = [];
        /// <summary>The path it was read from, as given.</summary>
        public required string File { get; init; }
        /// <summary>SHA-256 (hex) of <see cref="Yaml"/> in UTF-8.</summary>
        public required string Sha256 { get; init; }
        public required string Yaml { get; init; }
        /// <summary>What executed the runs: <c>sim</c> (the discrete-event simulator).</summary>
        public string Backend { get; init; } = "sim";
    }

    /// <summary>The options that change the CSVs (the output folder and worker count do not).</summary>
    public sealed class OptionsInfo
    {
        public ulong? Seed { get; init; }
        public int? Replications { get; init; }
        public IReadOnlyList<string>? Models { get; init; }
        /// <summary>Duration cap as written (e.g. <c>10m</c>, the <c>--quick</c> mode), or null.</summary>
        public string? MaxDuration { get; init; }
        public bool WriteInvocations { get; init; } = true;
        public bool WriteTimeseries { get; init; } = true;
    }

    /// <summary>The scenario after options: what actually ran.</summary>
    public sealed class ResolvedInfo
    {
        public required string Duration { get; init; }
        public double DurationS { get; init; }
        public ulong Seed { get; init; }
        public int Replications { get; init; }
        public required string SampleInterval { get; init; }
        /// <summary>Cluster memory, e.g. <c>8GiB</c>, or <c>unlimited</c>.</summary>
        public required string ClusterMemory { get; init; }
        /// <summary>Cluster memory in bytes; null when unlimited.</summary>
        public long? ClusterMemoryBytes { get; init; }
        public required IReadOnlyList<RuntimeInfo> Runtimes { get; init; }
        public required IReadOnlyList<FunctionGroupInfo> Functions { get; init; }
        public required IReadOnlyList<ModelInfo> Models { get; init; }
        public IReadOnlyList<SweepInfo> Sweep { get; init; } = [];
        public int Points { get; init; } = 1;
        public int Runs { get; init; }
        /// <summary>Expected calls per run (per point, summed over points for a sweep).</summary>
        public double ExpectedCalls { get; init; }
    }

    public sealed class RuntimeInfo
    {
        public required string Name { get; init; }
        public required string Image { get; init; }
        public required string Memory { get; init; }
        public long MemoryBytes { get; init; }
        public required string ColdStart { get; init; }
        public double ColdStartMeanS { get; init; }
        public required string Init { get; init; }
        public double InitMeanS { get; init; }
    }

    /// <summary>Functions written as one entry (a <c>count</c> of copies).</summary>
    public sealed class FunctionGroupInfo
    {
        public required string Name { get; init; }
        public int Count { get; init; }
        public required string Runtime { get; init; }
        public required string Memory { get; init; }
        public required string Exec { get; init; }
        public double ExecMeanS { get; init; }
        public required string Arrivals { get; init; }
        /// <summary>Mean time between calls of one function, seconds (infinite as null).</summary>
        public double? MeanIntervalS { get; init; }
    }

    public sealed class ModelInfo
    {
        public required string Label { get; init; }
        public required string Model { get; init; }
        /// <summary>Options as written, <c>key=value</c> pairs.</summary>
        public string Options { get; init; } = "";
        /// <summary>keep-alive idle timeout in seconds (with its default applied), else null.</summary>
        public double? TtlS { get; init; }
        /// <summary>prewarm-pool window in seconds (with its default applied), else null.</summary>
        public double? WindowS { get; init; }
    }

    public sealed class SweepInfo
    {
        public required string Path { get; init; }
        /// <summary>The summary.csv column, e.g. <c>param_mean_interval_s</c>.</summary>
        public required string Column { get; init; }
        public required string Kind { get; init; }
        public required IReadOnlyList<string> Values { get; init; }
        public required IReadOnlyList<double> Numeric { get; init; }
    }

    public sealed class SeedInfo
    {
        public int Replication { get; init; }
        /// <summary>The replication's seed, from which every random stream of the run derives.</summary>
        public ulong Seed { get; init; }
    }

    public sealed class OutputInfo
    {
        public required string File { get; init; }
        public long Bytes { get; init; }
        public required string Sha256 { get; init; }
    }

    public sealed class ProvenanceInfo
    {
        public required string GitCommit { get; init; }
        public bool? GitDirty { get; init; }
        public required string Tool { get; init; }
        public required IReadOnlyDictionary<string, string> Packages { get; init; }
        public required string DotnetRuntime { get; init; }
        public required MachineInfo Machine { get; init; }
        public int Workers { get; init; }
        public IReadOnlyList<string> CommandLine { get; init; } = [];
        public DateTimeOffset StartedUtc { get; init; }
        public DateTimeOffset FinishedUtc { get; init; }
        public double ElapsedS { get; init; }
    }

    public sealed class MachineInfo
    {
        public required string Os { get; init; }
        public required string Architecture { get; init; }
        public int Cores { get; init; }
        public long MemoryBytes { get; init; }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Readable quotes, apostrophes and '+' in the embedded YAML and versions; the file is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public void Save(string path) => System.IO.File.WriteAllText(path, ToJson(), new System.Text.UTF8Encoding(false));

    /// <summary>Reads a manifest; a missing file or invalid JSON is a <see cref="ResultsFormatException"/> naming the file.</summary>
    public static RunManifest Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new ResultsFormatException(path, null, "file not found");
        try
        {
            var m = JsonSerializer.Deserialize<RunManifest>(System.IO.File.ReadAllText(path), Json)
                ?? throw new ResultsFormatException(path, null, "empty manifest");
            if (m.Format != CurrentFormat) throw new ResultsFormatException(path, null, $"format '{m.Format}', this tool reads '{CurrentFormat}'");
            return m;
        }
        catch (JsonException e)
        {
            throw new ResultsFormatException(path, null, $"not a valid manifest ({e.Message})");
        }
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Lower-case hex SHA-256 of the file at <paramref name="path"/>.</summary>
    public static string Sha256OfFile(string path)
    {
        using var s = System.IO.File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
