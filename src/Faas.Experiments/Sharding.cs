using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Engine;
using Faas.Platform.Results;
using Faas.Results;

namespace Faas.Experiments;

/// <summary>A set of shards that cannot be merged (missing, duplicated, from another scenario version); exit 2 in the CLI.</summary>
public sealed class ShardInputException(string message) : Exception(message);

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: the plan indexes k with k mod Count = Index
/// (round-robin). Round-robin spreads the sweep points, whose runs often differ in cost, evenly
/// over the shards; every run is in exactly one shard; a shard past the plan size is empty.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Parses "i/n" (0 ≤ i &lt; n).</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new ShardInputException($"--shard '{text}': expected i/n, e.g. 0/4");
        if (n < 1) throw new ShardInputException($"--shard '{text}': the shard count must be at least 1");
        if (i >= n) throw new ShardInputException($"--shard '{text}': the shard index must be in 0..{n - 1}");
        return new ShardSpec(i, n);
    }

    /// <summary>The plan indexes of this shard, ascending.</summary>
    public IReadOnlyList<int> Indexes(int planSize)
    {
        var list = new List<int>();
        for (int k = Index; k < planSize; k += Count) list.Add(k);
        return list;
    }

    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>shard.json of a partial result folder: which runs of which experiment it holds, their summaries, and the manifest a local run would record.</summary>
public sealed class ShardManifest
{
    public const string FileName = "shard.json";
    public const string PartsFolder = "parts";
    public const string CurrentFormat = "faas-sim-shard/1";

    public string Format { get; init; } = CurrentFormat;
    public int ShardIndex { get; init; }
    public int ShardCount { get; init; }
    public int PlanSize { get; init; }
    public required IReadOnlyList<int> PlanIndexes { get; init; }
    /// <summary>SHA-256 of the scenario text (the scenario version).</summary>
    public required string ScenarioSha256 { get; init; }
    /// <summary>The manifest of this shard's runs (scenario text, options, provenance); its outputs list the part files.</summary>
    public required RunManifest Manifest { get; init; }
    /// <summary>Run summaries, aligned with <see cref="PlanIndexes"/>.</summary>
    public required IReadOnlyList<RunSummary> Summaries { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n", new System.Text.UTF8Encoding(false));

    /// <summary>Reads <c>shard.json</c> of <paramref name="dir"/>; a missing or invalid file is a <see cref="ShardInputException"/>.</summary>
    public static ShardManifest Load(string dir)
    {
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) throw new ShardInputException($"{dir}: no {FileName} (not a shard folder, or the shard did not finish)");
        try
        {
            var m = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), Json) ?? throw new ShardInputException($"{path}: empty");
            if (m.Format != CurrentFormat) throw new ShardInputException($"{path}: format '{m.Format}', this tool reads '{CurrentFormat}'");
            if (m.Summaries.Count != m.PlanIndexes.Count) throw new ShardInputException($"{path}: {m.Summaries.Count} summaries for {m.PlanIndexes.Count} plan indexes");
            return m;
        }
        catch (JsonException e)
        {
            throw new ShardInputException($"{path}: not a valid shard manifest ({e.Message})");
        }
    }

    /// <summary>True when <paramref name="dir"/> holds a finished shard.</summary>
    public static bool IsComplete(string dir) => File.Exists(Path.Combine(dir, FileName));
}

/// <summary>Runs one shard of an experiment, and merges shards into the result of a local run.</summary>
public static class Sharding
{
    /// <summary>
    /// Runs the plan indexes of <paramref name="shard"/> and writes a partial result folder:
    /// <c>parts/inv-k.part</c> and <c>parts/ts-k.part</c> per run (rows of plan index k, as a local
    /// run stages them) and <c>shard.json</c>, written last (its presence marks the shard complete).
    /// </summary>
    public static ShardManifest RunShard(Experiment experiment, ExperimentOptions options, ShardSpec shard, Action<int, double>? progress = null, CancellationToken cancel = default)
    {
        var started = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        experiment = ExperimentRunner.Resolve(experiment, options);
        foreach (var p in experiment.Points) p.Scenario.ValidateModels();
        var plan = ExperimentRunner.Plan(experiment, options);
        var mine = shard.Indexes(plan.Count);
        var runOptions = options with
        {
            WriteInvocations = options.WriteInvocations && !experiment.IsSweep,
            WriteTimeSeries = options.WriteTimeSeries && !experiment.IsSweep,
        };
        Directory.CreateDirectory(options.OutDir);
        string marker = Path.Combine(options.OutDir, ShardManifest.FileName);
        if (File.Exists(marker)) File.Delete(marker);
        string staging = Path.Combine(options.OutDir, $".staging-{Environment.ProcessId}");
        if (Directory.Exists(staging)) Directory.Delete(staging, true);
        Directory.CreateDirectory(staging);
        try
        {
            var summaries = new RunSummary[mine.Count];
            var po = new ParallelOptions
            {
                MaxDegreeOfParallelism = options.Workers > 0 ? options.Workers : Environment.ProcessorCount,
                CancellationToken = cancel,
            };
            Parallel.For(0, mine.Count, po, j =>
            {
                var item = plan[mine[j]];
                summaries[j] = ExperimentRunner.RunOne(experiment.Points[item.Point].Scenario, item, runOptions, staging, f => progress?.Invoke(item.Index, f), cancel);
            });
            var partFiles = Directory.GetFiles(staging, "*.part").Order(StringComparer.Ordinal).ToList();
            var manifest = ManifestBuilder.Build(experiment, options, runOptions, plan, partFiles, started, DateTimeOffset.UtcNow, sw.Elapsed);
            var shardManifest = new ShardManifest
            {
                ShardIndex = shard.Index,
                ShardCount = shard.Count,
                PlanSize = plan.Count,
                PlanIndexes = mine,
                ScenarioSha256 = manifest.Scenario.Sha256,
                Manifest = manifest,
                Summaries = summaries,
            };
            string parts = Path.Combine(options.OutDir, ShardManifest.PartsFolder);
            if (Directory.Exists(parts)) Directory.Delete(parts, true);
            Directory.Move(staging, parts);
            shardManifest.Save(marker + ".tmp");
            File.Move(marker + ".tmp", marker, overwrite: true);
            return shardManifest;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, true);
        }
    }

    /// <summary>The shard folders named by <paramref name="paths"/>: each one holding shard.json, or else its subfolders that do (sorted).</summary>
    public static IReadOnlyList<string> FindShardFolders(IEnumerable<string> paths)
    {
        var folders = new List<string>();
        foreach (var p in paths)
        {
            if (ShardManifest.IsComplete(p)) { folders.Add(p); continue; }
            if (!Directory.Exists(p)) throw new ShardInputException($"{p}: folder not found");
            var sub = Directory.GetDirectories(p).Where(ShardManifest.IsComplete).Order(StringComparer.Ordinal).ToList();
            if (sub.Count == 0 && Directory.GetDirectories(p).Length == 0)
                throw new ShardInputException($"{p}: no {ShardManifest.FileName} in it or in its subfolders (the shard did not finish?)");
            folders.AddRange(sub);
        }
        return folders;
    }

    /// <summary>
    /// Merges shard folders into <paramref name="outDir"/>: the CSVs (byte-identical to a local run
    /// of the whole plan, joined by the same code) and manifest.json. Refuses (with a
    /// <see cref="ShardInputException"/>) shards of different scenario versions or options,
    /// duplicated shards, and, unless <paramref name="partial"/>, missing ones; a partial merge
    /// writes the runs present and records the missing shards in the manifest's <c>partial</c>.
    /// </summary>
    public static ExperimentResult Merge(IReadOnlyList<string> shardDirs, string outDir, bool partial = false)
    {
        var started = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        if (shardDirs.Count == 0) throw new ShardInputException("no shard folders to merge");
        var shards = shardDirs.Select(d => (Dir: d, M: ShardManifest.Load(d))).ToList();
        var first = shards[0];
        foreach (var (dir, m) in shards.Skip(1))
        {
            if (m.ScenarioSha256 != first.M.ScenarioSha256)
                throw new ShardInputException($"{dir}: scenario version {m.ScenarioSha256[..12]}… differs from {first.Dir}'s {first.M.ScenarioSha256[..12]}…; shards of different scenario versions cannot be merged");
            string a = JsonSerializer.Serialize(m.Manifest.Options, Compact), b = JsonSerializer.Serialize(first.M.Manifest.Options, Compact);
            if (a != b) throw new ShardInputException($"{dir}: run options {a} differ from {first.Dir}'s {b}");
            if (m.ShardCount != first.M.ShardCount || m.PlanSize != first.M.PlanSize)
                throw new ShardInputException($"{dir}: shard {m.ShardIndex}/{m.ShardCount} of a {m.PlanSize}-run plan does not fit {first.Dir} (shard {first.M.ShardIndex}/{first.M.ShardCount} of {first.M.PlanSize} runs)");
        }
        int count = first.M.ShardCount;
        var dup = shards.GroupBy(s => s.M.ShardIndex).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new ShardInputException($"shard {dup.Key}/{count} given twice: {string.Join(", ", dup.Select(s => s.Dir))}");
        var missing = Enumerable.Range(0, count).Except(shards.Select(s => s.M.ShardIndex)).ToList();
        if (missing.Count > 0 && !partial)
            throw new ShardInputException($"missing shard(s) {string.Join(", ", missing.Select(i => $"{i}/{count}"))} of {count}; run them (slurm resubmit) or pass --partial to merge what is there");

        var m0 = first.M.Manifest;
        string hash = RunManifest.Sha256Hex(new System.Text.UTF8Encoding(false).GetBytes(m0.Scenario.Yaml));
        if (hash != first.M.ScenarioSha256) throw new ShardInputException($"{first.Dir}: the embedded scenario does not match its sha256; the shard manifest was edited");
        var experiment = ExperimentLoader.Load(m0.Scenario.Yaml, m0.Scenario.File);
        SimDuration? cap = m0.Options.MaxDuration is { } md
            ? Units.TryParseDuration(md, out var err) ?? throw new ShardInputException($"{first.Dir}: options.max_duration: {err}")
            : null;
        // Requested options as the shard recorded them; sweeps record per-call files off, which a local run also does.
        var options = new ExperimentOptions(outDir, m0.Options.Models, m0.Options.Seed, m0.Options.Replications,
            m0.Options.WriteInvocations, m0.Options.WriteTimeseries, 0, cap);
        var resolved = ExperimentRunner.Resolve(experiment, options);
        var plan = ExperimentRunner.Plan(resolved, options);
        if (plan.Count != first.M.PlanSize) throw new ShardInputException($"{first.Dir}: the shard's plan has {first.M.PlanSize} runs, this tool plans {plan.Count}; merge with the faas-sim version that ran the shards");
        var runOptions = options with { WriteInvocations = m0.Options.WriteInvocations && !resolved.IsSweep, WriteTimeSeries = m0.Options.WriteTimeseries && !resolved.IsSweep };

        var summaries = new RunSummary[plan.Count];
        var partDir = new string[plan.Count];
        foreach (var (dir, m) in shards)
        {
            var expect = new ShardSpec(m.ShardIndex, m.ShardCount).Indexes(m.PlanSize);
            if (!expect.SequenceEqual(m.PlanIndexes)) throw new ShardInputException($"{dir}: plan indexes do not match shard {m.ShardIndex}/{m.ShardCount}");
            for (int j = 0; j < m.PlanIndexes.Count; j++)
            {
                int k = m.PlanIndexes[j];
                summaries[k] = m.Summaries[j];
                partDir[k] = Path.Combine(dir, ShardManifest.PartsFolder);
            }
        }
        var included = plan.Where(p => summaries[p.Index] is not null).ToList();
        foreach (var item in included)
        {
            foreach (var (on, prefix) in new[] { (runOptions.WriteInvocations, "inv"), (runOptions.WriteTimeSeries, "ts") })
                if (on && !File.Exists(Path.Combine(partDir[item.Index], $"{prefix}-{item.Index:D6}.part")))
                    throw new ShardInputException($"{partDir[item.Index]}: part file {prefix}-{item.Index:D6}.part missing");
        }
        RunManifest.PartialInfo? partialInfo = missing.Count == 0 ? null : new RunManifest.PartialInfo
        {
            ShardCount = count,
            MergedShards = shards.Select(s => s.M.ShardIndex).Order().ToList(),
            MissingShards = missing,
            RunsMerged = included.Count,
            RunsPlanned = plan.Count,
        };

        Directory.CreateDirectory(outDir);
        string staging = Path.Combine(outDir, $".staging-{Environment.ProcessId}");
        if (Directory.Exists(staging)) Directory.Delete(staging, true);
        Directory.CreateDirectory(staging);
        try
        {
            var result = ExperimentRunner.Complete(resolved, options, runOptions, plan, included, summaries, staging,
                (prefix, k) => Path.Combine(partDir[k], $"{prefix}-{k:D6}.part"), started, sw, m => m.Partial = partialInfo);
            string marker = Path.Combine(outDir, PartialMarker);
            if (partialInfo is null) { if (File.Exists(marker)) File.Delete(marker); }
            else File.WriteAllText(marker, $"PARTIAL RESULT: merged shards {string.Join(",", partialInfo.MergedShards)} of {count}; missing {string.Join(",", missing)}; {included.Count} of {plan.Count} runs.\n");
            return result;
        }
        finally
        {
            Directory.Delete(staging, true);
        }
    }

    private static readonly JsonSerializerOptions Compact = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A text file a partial merge leaves next to the CSVs (removed by a complete merge).</summary>
    public const string PartialMarker = "PARTIAL.txt";
}
