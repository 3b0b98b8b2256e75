namespace Faas.Experiments;

/// <summary>How to run a scenario.</summary>
/// <param name="OutDir">Where the CSVs go (created; files of the same name are replaced).</param>
/// <param name="Models">Only these model labels or names (null: all of the scenario's).</param>
/// <param name="Seed">Root seed overriding the scenario's.</param>
/// <param name="Replications">Replication count overriding the scenario's.</param>
/// <param name="WriteInvocations">Write invocations.csv (one row per call; off for huge runs).</param>
/// <param name="WriteTimeSeries">Write timeseries.csv.</param>
/// <param name="Workers">Runs in parallel (default: all cores). Results do not depend on it.</param>
/// <param name="MaxDuration">Caps the scenario's duration (quick pipeline checks); null keeps it.</param>
public sealed record ExperimentOptions(
    string OutDir,
    IReadOnlyList<string>? Models = null,
    ulong? Seed = null,
    int? Replications = null,
    bool WriteInvocations = true,
    bool WriteTimeSeries = true,
    int Workers = 0,
    Faas.Engine.SimDuration? MaxDuration = null);
