using System.CommandLine;
using Faas.Platform;

namespace Faas.Cli.Commands;

/// <summary><c>models</c>: list the platform models and their options.</summary>
public static class ModelsCommand
{
    public static Command Build(TextWriter stdout)
    {
        var cmd = new Command("models", "List the platform models a scenario can name, with their options and defaults.");
        cmd.SetAction(_ =>
        {
            foreach (var m in ModelCatalog.All)
            {
                stdout.WriteLine($"{m.Name}");
                stdout.WriteLine($"    {m.Description}");
                stdout.WriteLine($"    options: {m.OptionsHelp}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
