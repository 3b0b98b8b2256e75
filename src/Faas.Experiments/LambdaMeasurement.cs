namespace Faas.Experiments;

/// <summary>One row of the AWS Lambda keep-alive measurements (data/simfaas/PROVENANCE.md).</summary>
public sealed record LambdaMeasurement(
    string Experiment,
    double ArrivalRate,
    double ServiceTimeWarmMs,
    double ServiceTimeColdMs,
    double IdleMinutesBeforeKill,
    double AverageInstanceCount,
    double ColdStartProbability,
    double ColdStartProbabilitySE);
