namespace Faas.Experiments;

/// <summary>A measured Lambda experiment next to our keep-alive simulation of it.</summary>
/// <param name="SimColdCi95">Half-width of the 95% confidence interval of <paramref name="SimCold"/> over replications.</param>
public sealed record LambdaValidationRow(
    LambdaMeasurement Measured,
    double SimCold,
    double SimColdCi95,
    double SimInstances,
    double SimInstancesCi95,
    long SimCalls)
{
    public double ColdRelativeError => Math.Abs(SimCold - Measured.ColdStartProbability) / Measured.ColdStartProbability;
    public double InstancesRelativeError => Math.Abs(SimInstances - Measured.AverageInstanceCount) / Measured.AverageInstanceCount;
}
