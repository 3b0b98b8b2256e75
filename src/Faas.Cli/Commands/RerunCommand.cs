using System.CommandLine;
using Faas.Engine;
using Faas.Experiments;
using Faas.Results;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>rerun &lt;manifest.json&gt; --out DIR</c>: runs an experiment again from its manifest (the
/// scenario text embedded in it, the same options and seeds) and checks that every CSV comes
/// out byte-identical to the recorded SHA-256. Exit 1 when one differs.
/// </summary>
public static class RerunCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var manifest = new Argument<string>("manifest") { Description = "A results folder's manifest.json (or the folder)." };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the reproduced CSVs and their new manifest (created).", Required = true };
        var workers = new Option<int>("--workers", "-j") { Description = "Runs in parallel (default: number of cores). Results do not depend on it." };
        var cmd = new Command("rerun", "Reproduce a results folder from its manifest.json and check that the CSVs are byte-identical (exit 1 if not).")
        {
            manifest, outDir, workers,
        };
        cmd.SetAction(p =>
        {
            string path = p.GetValue(manifest)!;
            if (Directory.Exists(path)) path = Path.Combine(path, RunManifest.FileName);
            RunManifest m;
            try
            {
                m = RunManifest.Load(path);
            }
            catch (ResultsFormatException e)
            {
                throw new BadInputException(e.Message);
            }
            string hash = RunManifest.Sha256Hex(new System.Text.UTF8Encoding(false).GetBytes(m.Scenario.Yaml));
            if (hash != m.Scenario.Sha256)
                throw new BadInputException($"{path}: the embedded scenario does not match its sha256 ({m.Scenario.Sha256[..12]}…, text hashes to {hash[..12]}…); the manifest was edited");
            var experiment = ExperimentLoader.Load(m.Scenario.Yaml, m.Scenario.File);
            Faas.Engine.SimDuration? cap = null;
            if (m.Options.MaxDuration is { } md)
                cap = Units.TryParseDuration(md, out var err) ?? throw new BadInputException($"{path}: options.max_duration: {err}");
            var options = new ExperimentOptions(p.GetValue(outDir)!, m.Options.Models, m.Options.Seed, m.Options.Replications,
                m.Options.WriteInvocations, m.Options.WriteTimeseries, p.GetValue(workers), cap);
            var result = RunCommand.Run(experiment, options, stdout, stderr);

            int differ = 0;
            foreach (var recorded in m.Outputs)
            {
                var now = result.Manifest!.Outputs.FirstOrDefault(o => o.File == recorded.File);
                bool same = now is not null && now.Sha256 == recorded.Sha256;
                if (!same) differ++;
                stdout.WriteLine($"{(same ? "identical" : "DIFFERS  ")}  {recorded.File}  {recorded.Sha256[..16]}{(same || now is null ? "" : $" -> {now.Sha256[..16]}")}{(now is null ? " (not produced)" : "")}");
            }
            if (differ > 0)
            {
                stderr.WriteLine($"error: {differ} of {m.Outputs.Count} files differ from {path}");
                return ExitCodes.Failure;
            }
            stdout.WriteLine($"reproduced: all {m.Outputs.Count} files byte-identical to {path}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
