using System.CommandLine;
using Faas.Experiments;

namespace Faas.Cli.Commands;

/// <summary><c>validate &lt;scenario.yaml&gt;...</c>: check scenarios (and every point of their sweeps) without running them.</summary>
public static class ValidateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("scenario") { Description = "Scenario YAML file(s).", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("validate", "Check scenario files (syntax, units, names, models and their options, claim and every sweep point) without running anything. Exit 2 on the first problem.") { files };
        cmd.SetAction(p =>
        {
            foreach (var f in p.GetValue(files)!)
            {
                var e = ExperimentLoader.LoadFile(f);
                var s = e.Scenario;
                string claims = e.Claims.Count > 0 ? $", claim {string.Join(", ", e.Claims)}" : "";
                string sweep = e.IsSweep ? $", sweep of {e.Points.Count} points over {string.Join(" x ", e.Parameters.Select(x => x.Column))}" : "";
                stdout.WriteLine($"{f}: ok ({s.Name}: {s.Runtimes.Count} runtime(s), {s.Functions.Count} function(s), {s.Models.Count} model(s), {s.Duration}, ~{s.ExpectedCalls:0} calls per run{sweep}{claims})");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
