using Faas.Platform.Results;
using Faas.Results;
using Faas.Scenarios;

namespace Faas.Experiments;

/// <summary>What a scenario run produced: the resolved scenario, the run summaries in plan order, and the files written.</summary>
public sealed record ExperimentResult(Scenario Scenario, IReadOnlyList<RunSummary> Summaries, IReadOnlyList<string> Files, TimeSpan Elapsed)
{
    /// <summary>The experiment as run (points resolved with the options).</summary>
    public Experiment? Experiment { get; init; }

    /// <summary>The plan, index-aligned with <see cref="Summaries"/>.</summary>
    public IReadOnlyList<RunPlanItem> Plan { get; init; } = [];

    /// <summary>The manifest written with the CSVs.</summary>
    public RunManifest? Manifest { get; init; }
}
