namespace Faas.Reporting.Report;

/// <summary>One paragraph of evidence for a claim; <paramref name="Experiment"/> names the experiment it quotes (null: about several).</summary>
public sealed record ClaimEvidence(string? Experiment, string Text);
