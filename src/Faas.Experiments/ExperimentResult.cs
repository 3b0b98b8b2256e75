using Faas.Platform.Results;
using Faas.Workloads.Scenarios;

namespace Faas.Experiments;

/// <summary>What a scenario run produced: the resolved scenario, the run summaries in plan order, and the files written.</summary>
public sealed record ExperimentResult(Scenario Scenario, IReadOnlyList<RunSummary> Summaries, IReadOnlyList<string> Files, TimeSpan Elapsed);
