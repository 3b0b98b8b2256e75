using Faas.Scenarios;
using Faas.Workloads;

namespace Faas.Experiments;

/// <summary>
/// Reads a scenario file as an <see cref="Experiment"/>: the scenario, its <c>claim:</c> and
/// its <c>sweep:</c> grid, every point validated before anything runs. Errors are
/// <see cref="ScenarioException"/>s located in the file (exit code 2 in the CLI).
/// </summary>
public static class ExperimentLoader
{
    /// <summary>Loads the scenario file at <paramref name="path"/>.</summary>
    public static Experiment LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException(new SourceLocation(path, 0, 0), "file not found");
        return Load(File.ReadAllText(path), path);
    }

    /// <summary>Loads scenario text; <paramref name="file"/> names it in messages and manifests.</summary>
    public static Experiment Load(string text, string file)
    {
        var scenario = ScenarioLoader.Load(text, file);
        scenario.ValidateModels();
        var claims = ScenarioLoader.ReadClaims(text, file);
        var parameters = SweepExpander.Parameters(ScenarioLoader.ReadSweep(text, file));
        var points = SweepExpander.Expand(text, file, parameters);
        return new Experiment(scenario, claims, parameters, points, text);
    }
}
