using Faas.Scenarios;

namespace Faas.Experiments;

/// <summary>
/// One point of an experiment's grid: the value of each sweep parameter (none for a scenario
/// without a sweep) and the validated scenario with those values applied.
/// </summary>
/// <param name="Index">Position in grid order (first axis slowest, last axis fastest).</param>
public sealed record SweepPoint(int Index, IReadOnlyList<SweepSetting> Settings, Scenario Scenario)
{
    /// <summary>The settings as <c>path=value</c> pairs, e.g. <c>functions.fn.count=20</c>; empty without a sweep.</summary>
    public override string ToString() => string.Join(" ", Settings);
}
