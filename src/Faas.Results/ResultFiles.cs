namespace Faas.Results;

/// <summary>
/// The name of every file Faas.Sim writes into a results folder, spelled once. Each file's columns
/// are defined by its own class (<see cref="SummaryCsv"/>, <see cref="InvocationsCsv"/>, ...).
/// </summary>
public static class ResultFiles
{
    /// <summary>One row per call (<see cref="InvocationsCsv"/>).</summary>
    public const string Invocations = "invocations.csv";

    /// <summary>Pool state sampled over time (<see cref="TimeSeriesCsv"/>).</summary>
    public const string TimeSeries = "timeseries.csv";

    /// <summary>One row per (model, replication) run (<see cref="SummaryCsv"/>).</summary>
    public const string Summary = "summary.csv";

    /// <summary>Means and 95% intervals over replications (<see cref="SummaryCiCsv"/>).</summary>
    public const string SummaryCi = "summary_ci.csv";

    /// <summary>Per node of a multi-node cluster (<see cref="NodesCsv"/>).</summary>
    public const string Nodes = "nodes.csv";

    /// <summary>What produced the folder (<see cref="RunManifest"/>).</summary>
    public const string Manifest = "manifest.json";

    /// <summary>A real replay's calls with their planned and actual issue times (<see cref="DispatchCsv"/>).</summary>
    public const string Dispatch = "dispatch.csv";

    /// <summary>A real replay's dispatch lag per model (<see cref="DispatchCsv.SummaryHeader"/>).</summary>
    public const string DispatchSummary = "dispatch_summary.csv";

    /// <summary><c>validate-real</c>: simulated vs real metrics per model (<see cref="ComparisonCsv"/>).</summary>
    public const string Comparison = "comparison.csv";

    /// <summary><c>validate-real</c>: the same comparison as a Markdown table.</summary>
    public const string ComparisonMarkdown = "comparison.md";

    /// <summary><c>lambda-validation</c>: per published experiment (<see cref="LambdaValidationCsv"/>).</summary>
    public const string LambdaValidation = "lambda-validation.csv";

    /// <summary><c>lambda-validation</c>: MAPE, ours vs SimFaaS (<see cref="LambdaValidationCsv.SummaryHeader"/>).</summary>
    public const string LambdaValidationSummary = "lambda-validation-summary.csv";

    /// <summary><c>lambda-validation</c>: the chart's file stem (<c>.png</c> and <c>.svg</c> are added).</summary>
    public const string LambdaValidationChart = "lambda-validation-cold";

    /// <summary><c>validate-real</c>: the sim-vs-real latency CDF's file stem (<c>.png</c> and <c>.svg</c> are added).</summary>
    public const string SimVsRealChart = "latency-cdf";

    /// <summary>The subfolder charts are drawn into.</summary>
    public const string ChartsFolder = "charts";
}
