using Faas.Scenarios;

namespace Faas.Experiments;

/// <summary>
/// A scenario file ready to run: its base scenario, the claims of the seed design it tests, and
/// its grid of sweep points (a single point without a sweep). Immutable; built by
/// <see cref="ExperimentLoader"/>. Every point is already validated, so a run never stops
/// half-way on bad input.
/// </summary>
/// <param name="Scenario">The scenario as written (without sweep values applied).</param>
/// <param name="SourceText">The scenario file's text (hashed and embedded in the manifest).</param>
public sealed record Experiment(
    Scenario Scenario,
    IReadOnlyList<int> Claims,
    IReadOnlyList<SweepParameter> Parameters,
    IReadOnlyList<SweepPoint> Points,
    string SourceText)
{
    /// <summary>True when the scenario declares a sweep.</summary>
    public bool IsSweep => Parameters.Count > 0;

    /// <summary>The sweep columns of summary.csv, in axis order.</summary>
    public IReadOnlyList<string> ParameterColumns => Parameters.Select(p => p.Column).ToList();

    /// <summary>An experiment of one point: <paramref name="scenario"/> as it is (no sweep, no claim).</summary>
    public static Experiment Single(Scenario scenario, string sourceText = "") =>
        new(scenario, [], [], [new SweepPoint(0, [], scenario)], sourceText);
}
