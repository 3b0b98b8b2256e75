using System.CommandLine;
using Faas.Platform;
using Faas.Workloads.Scenarios;

namespace Faas.Cli.Commands;

/// <summary><c>validate &lt;scenario.yaml&gt;...</c>: check scenarios without running them.</summary>
public static class ValidateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("scenario") { Description = "Scenario YAML file(s).", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("validate", "Check scenario files (syntax, units, names, models and their options) without running anything. Exit 2 on the first problem.") { files };
        cmd.SetAction(p =>
        {
            foreach (var f in p.GetValue(files)!)
            {
                var s = ScenarioLoader.LoadFile(f);
                ModelCatalog.Validate(s);
                stdout.WriteLine($"{f}: ok ({s.Name}: {s.Runtimes.Count} runtime(s), {s.Functions.Count} function(s), {s.Models.Count} model(s), {s.Duration}, ~{s.ExpectedCalls:0} calls per run)");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
