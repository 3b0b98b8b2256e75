namespace Faas.Fidelity;

/// <summary>One raw measurement of <c>calibrate</c> (a row of the samples CSV).</summary>
public sealed record CalibrationSample(string Runtime, string Metric, int Concurrency, int Index, double Ms);
