using System.CommandLine;
using Faas.Experiments;
using Faas.Plotting;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>run … --shard i/n</c> (one shard of a sweep into a partial folder) and
/// <c>merge DIR… --out DIR</c> (shards into the CSVs, manifest and charts of one local run).
/// </summary>
public static class ShardCommands
{
    /// <summary>Runs shard <paramref name="shardText"/> ("i/n") of the experiment into <see cref="ExperimentOptions.OutDir"/>.</summary>
    public static int RunShard(Experiment experiment, ExperimentOptions options, string shardText, TextWriter stdout, TextWriter stderr)
    {
        var shard = ShardSpec.Parse(shardText);
        var resolved = ExperimentRunner.Resolve(experiment, options);
        int planSize = ExperimentRunner.Plan(resolved, options).Count;
        var mine = shard.Indexes(planSize);
        stderr.WriteLine($"{resolved.Scenario.Name}: shard {shard} = {mine.Count} of {planSize} runs");
        ShardManifest m;
        using (var progress = new ConsoleProgress(stderr, $"{resolved.Scenario.Name} [{shard}]", Math.Max(1, mine.Count)))
            m = Sharding.RunShard(experiment, options, shard, (k, f) => progress.Report(k / shard.Count, f));
        stdout.WriteLine($"shard {shard}: runs {Describe(m.PlanIndexes)} of {m.PlanSize} written to {options.OutDir} ({ShardManifest.FileName})");
        return ExitCodes.Ok;
    }

    private static string Describe(IReadOnlyList<int> idx) =>
        idx.Count == 0 ? "(none)" : idx.Count <= 8 ? string.Join(",", idx) : $"{string.Join(",", idx.Take(6))},…,{idx[^1]} ({idx.Count})";

    public static Command BuildMerge(TextWriter stdout, TextWriter stderr)
    {
        var dirs = new Argument<string[]>("shard-dirs") { Description = "Shard folders (holding shard.json), or folders of them (e.g. OUT/shards).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the merged CSVs, manifest.json and charts/ (created).", Required = true };
        var partial = new Option<bool>("--partial") { Description = "Merge the shards that are there even if some are missing; the manifest gets a 'partial' entry and PARTIAL.txt is written." };
        var noCharts = new Option<bool>("--no-charts") { Description = "Do not draw the charts (charts/ under --out)." };
        var cmd = new Command("merge", "Merge the shard folders of a sharded sweep into exactly the CSVs (byte-identical), manifest and charts of one local run. Exit 2 on a missing or duplicated shard, or shards of different scenario versions.")
        {
            dirs, outDir, partial, noCharts,
        };
        cmd.SetAction(p =>
        {
            string output = p.GetValue(outDir)!;
            var folders = Sharding.FindShardFolders(p.GetValue(dirs)!);
            var result = Sharding.Merge(folders, output, p.GetValue(partial));
            var m = result.Manifest!;
            if (m.Partial is { } part)
                stderr.WriteLine($"warning: PARTIAL result: shards {string.Join(",", part.MissingShards)} of {part.ShardCount} missing; {part.RunsMerged} of {part.RunsPlanned} runs merged");
            stdout.WriteLine($"merged {folders.Count} shard(s), {result.Plan.Count} runs: wrote {string.Join(", ", result.Files.Select(Path.GetFileName))} to {output}");
            if (!p.GetValue(noCharts))
            {
                string charts = Path.Combine(output, PlotCommand.ChartsFolder);
                var written = ChartRenderer.RenderAll(output, charts, PlotCommand.OptionsFor(output));
                stdout.WriteLine($"{output}: {written.Count / 2} charts (PNG + SVG) in {charts}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
