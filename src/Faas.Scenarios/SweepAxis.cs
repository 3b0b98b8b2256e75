using Faas.Workloads;

namespace Faas.Scenarios;

/// <summary>
/// One axis of a scenario's <c>sweep:</c> grid: a dotted path to a scalar of the scenario
/// (e.g. <c>functions.fn.arrivals.mean_interval</c>) and the values it takes, as written.
/// </summary>
/// <param name="Path">Dotted path: mapping keys, and list items by their name (models by label or model name).</param>
/// <param name="Values">The values in the order written; each one replaces the scalar at <paramref name="Path"/>.</param>
/// <param name="Location">Where the axis's key is written (for messages).</param>
public sealed record SweepAxis(string Path, IReadOnlyList<SweepValue> Values, SourceLocation Location);
