using Faas.Engine;
using Faas.Platform;
using Faas.Platform.Policies;
using Faas.Results;
using Faas.Scenarios;

namespace Faas.Experiments;

/// <summary>Builds the <see cref="RunManifest"/> of a finished experiment run.</summary>
public static class ManifestBuilder
{
    /// <param name="requested">The options as given (recorded, so a rerun passes them again).</param>
    /// <param name="effective">The options as applied (per-call files are off for sweeps).</param>
    /// <param name="outputs">Files to hash, in the order written.</param>
    public static RunManifest Build(Experiment experiment, ExperimentOptions requested, ExperimentOptions effective, IReadOnlyList<RunPlanItem> plan,
        IReadOnlyList<string> outputs, DateTimeOffset started, DateTimeOffset finished, TimeSpan elapsed)
    {
        var s = experiment.Scenario;
        ulong root = requested.Seed ?? s.Seed;
        int reps = requested.Replications ?? s.Replications;
        string sourceDir = Path.GetDirectoryName(Path.GetFullPath(s.SourcePath)) ?? ".";
        var (commit, dirty) = Provenance.Git(Directory.Exists(sourceDir) ? sourceDir : ".");
        return new RunManifest
        {
            Scenario = new RunManifest.ScenarioInfo
            {
                Name = s.Name,
                Description = s.Description,
                Claims = experiment.Claims,
                File = s.SourcePath,
                Sha256 = RunManifest.Sha256Hex(new System.Text.UTF8Encoding(false).GetBytes(experiment.SourceText)),
                Yaml = experiment.SourceText,
            },
            Options = new RunManifest.OptionsInfo
            {
                Seed = requested.Seed,
                Replications = requested.Replications,
                Models = requested.Models,
                MaxDuration = requested.MaxDuration?.ToString(),
                WriteInvocations = effective.WriteInvocations,
                WriteTimeseries = effective.WriteTimeSeries,
            },
            Resolved = new RunManifest.ResolvedInfo
            {
                Duration = s.Duration.ToString(),
                DurationS = s.Duration.Seconds,
                Seed = root,
                Replications = reps,
                SampleInterval = s.SampleInterval.ToString(),
                ClusterMemory = DescribeCluster(s.Cluster),
                ClusterMemoryBytes = s.Cluster.IsUnlimited ? null : s.Cluster.MemoryBytes,
                Runtimes = s.Runtimes.Select(r => new RunManifest.RuntimeInfo
                {
                    Name = r.Name,
                    Image = r.Image,
                    Memory = Units.FormatMemory(r.MemoryBytes),
                    MemoryBytes = r.MemoryBytes,
                    ColdStart = r.ColdStart.Describe(),
                    ColdStartMeanS = r.ColdStart.MeanSeconds,
                    Init = r.Init.Describe(),
                    InitMeanS = r.Init.MeanSeconds,
                }).ToList(),
                Functions = FunctionGroups(s),
                Models = s.Models.Where(m => requested.Models is null || requested.Models.Contains(m.Label) || requested.Models.Contains(m.Model))
                    .Select(m => new RunManifest.ModelInfo
                    {
                        Label = m.Label,
                        Model = m.Model,
                        Options = m.Options.ToString(),
                        TtlS = m.Model == KeepAlivePolicy.Name ? Seconds(ModelCatalog.KeepAlive(m.Options).Ttl) : null,
                        WindowS = m.Model == PrewarmPoolPolicy.Name ? Seconds(ModelCatalog.PrewarmPool(m.Options).Window) : null,
                    }).ToList(),
                Sweep = experiment.Parameters.Select(p => new RunManifest.SweepInfo
                {
                    Path = p.Path,
                    Column = p.Column,
                    Kind = p.Kind.ToString().ToLowerInvariant(),
                    Values = p.Axis.Values.Select(v => v.Raw).ToList(),
                    Numeric = p.Numeric,
                }).ToList(),
                Points = experiment.Points.Count,
                Runs = plan.Count,
                ExpectedCalls = experiment.Points.Sum(p => p.Scenario.ExpectedCalls),
            },
            Seeds = Enumerable.Range(0, reps).Select(r => new RunManifest.SeedInfo { Replication = r, Seed = SeedSequence.Replication(root, r) }).ToList(),
            Outputs = outputs.Select(f => new RunManifest.OutputInfo
            {
                File = Path.GetFileName(f),
                Bytes = new FileInfo(f).Length,
                Sha256 = RunManifest.Sha256OfFile(f),
            }).ToList(),
            Provenance = new RunManifest.ProvenanceInfo
            {
                GitCommit = commit,
                GitDirty = dirty,
                Tool = Provenance.Tool(),
                Packages = Provenance.Packages(),
                DotnetRuntime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                Machine = Provenance.Machine(),
                Workers = requested.Workers > 0 ? requested.Workers : Environment.ProcessorCount,
                CommandLine = Environment.GetCommandLineArgs().Skip(1).ToList(),
                StartedUtc = started,
                FinishedUtc = finished,
                ElapsedS = Math.Round(elapsed.TotalSeconds, 3),
            },
        };
    }

    private static double? Seconds(SimDuration d) => d.IsInfinite ? null : d.Seconds;

    /// <summary>Consecutive functions written as one entry (<c>name-1</c> … <c>name-N</c> with the same spec) as one group.</summary>
    private static List<RunManifest.FunctionGroupInfo> FunctionGroups(Scenario s)
    {
        var groups = new List<RunManifest.FunctionGroupInfo>();
        int i = 0;
        while (i < s.Functions.Count)
        {
            var f = s.Functions[i];
            int dash = f.Name.LastIndexOf('-');
            string stem = dash > 0 && f.Name.EndsWith("-1", StringComparison.Ordinal) ? f.Name[..dash] : f.Name;
            int j = i + 1;
            if (stem != f.Name)
            {
                while (j < s.Functions.Count && s.Functions[j].Name == $"{stem}-{j - i + 1}" && ReferenceEquals(s.Functions[j].Exec, f.Exec)) j++;
            }
            groups.Add(new RunManifest.FunctionGroupInfo
            {
                Name = stem,
                Count = j - i,
                Runtime = s.Runtimes[f.RuntimeIndex].Name,
                Memory = Units.FormatMemory(f.MemoryBytes),
                Exec = f.Exec.Describe(),
                ExecMeanS = f.Exec.MeanSeconds,
                Arrivals = f.Arrivals?.Describe() ?? "trace",
                MeanIntervalS = f.Arrivals is { MeanRatePerSecond: > 0 } a ? 1.0 / a.MeanRatePerSecond : null,
            });
            i = j;
        }
        return groups;
    }

    /// <summary>"8GiB", "unlimited", or for several nodes e.g. "4GiB in 4 nodes (node0–node3: 1GiB, 2 cores), affinity placement".</summary>
    public static string DescribeCluster(ClusterSpec c)
    {
        static string Mem(long b) => b == long.MaxValue ? "unlimited" : Units.FormatMemory(b);
        if (c.Nodes.Count == 1 && c.Nodes[0].Cores == 0) return Mem(c.MemoryBytes);
        var groups = new List<string>();
        for (int i = 0; i < c.Nodes.Count;)
        {
            int j = i;
            while (j + 1 < c.Nodes.Count && c.Nodes[j + 1].MemoryBytes == c.Nodes[i].MemoryBytes && c.Nodes[j + 1].Cores == c.Nodes[i].Cores) j++;
            string names = i == j ? c.Nodes[i].Name : $"{c.Nodes[i].Name}–{c.Nodes[j].Name}";
            groups.Add($"{names}: {Mem(c.Nodes[i].MemoryBytes)}{(c.Nodes[i].Cores > 0 ? $", {c.Nodes[i].Cores} cores" : "")}");
            i = j + 1;
        }
        string rule = c.Placement switch
        {
            PlacementRule.BestFit => "best-fit",
            PlacementRule.WorstFit => "worst-fit",
            PlacementRule.RoundRobin => "round-robin",
            PlacementRule.Affinity => "affinity",
            _ => "first-fit",
        };
        return $"{Mem(c.MemoryBytes)} in {c.Nodes.Count} node{(c.Nodes.Count == 1 ? "" : "s")} ({string.Join("; ", groups)}), {rule} placement";
    }
}
