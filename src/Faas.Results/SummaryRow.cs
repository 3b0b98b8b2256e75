namespace Faas.Results;

/// <summary>
/// One row of <c>summary.csv</c>: the outcome of one replication of one model in one scenario.
/// Counts are calls; latencies are milliseconds; idle memory is GB·s (gigabyte-seconds of
/// memory held by idle containers). Optional columns absent from the file read as NaN.
/// </summary>
public sealed record SummaryRow
{
    /// <summary>Scenario name (the file-name prefix of its charts).</summary>
    public required string Scenario { get; init; }

    /// <summary>Display label of the model, e.g. <c>keep-alive</c> or <c>keep-alive ttl=5m</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Replication index (0-based in simulator output).</summary>
    public required int Replication { get; init; }

    /// <summary>Calls that started in a freshly created container.</summary>
    public required double Cold { get; init; }

    /// <summary>Calls that started in a pooled generic container of their runtime.</summary>
    public required double Prewarm { get; init; }

    /// <summary>Calls that started in a container already holding their code.</summary>
    public required double Warm { get; init; }

    /// <summary>Mean end-to-end latency of completed calls, ms.</summary>
    public required double MeanMs { get; init; }

    /// <summary>Memory held by idle containers integrated over time, GB·s.</summary>
    public required double IdleMemGbS { get; init; }

    /// <summary>Fraction of calls that were cold starts, as the run defined it (0..1).</summary>
    public required double ColdFraction { get; init; }

    /// <summary>
    /// Every numeric column of the row by header name (including the typed ones above and any
    /// unknown extra columns); empty cells are NaN.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Values { get; init; }

    /// <summary>Sweep parameters: the <c>param_&lt;name&gt;</c> columns keyed by <c>&lt;name&gt;</c>.</summary>
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }

    /// <summary>Calls that started (cold + prewarm + warm): the denominator of the start-type mix.</summary>
    public double Started => Cold + Prewarm + Warm;

    /// <summary>The value of numeric column <paramref name="column"/>, or NaN when the file has no such column.</summary>
    public double Get(string column) => Values.TryGetValue(column, out double v) ? v : double.NaN;
}
