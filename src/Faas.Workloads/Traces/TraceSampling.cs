namespace Faas.Workloads.Traces;

/// <summary>How a trace reader picks <c>functions: N</c> of the eligible functions.</summary>
public enum TraceSampling
{
    /// <summary>N functions uniformly at random (seeded by the scenario's seed or <c>sample_seed</c>).</summary>
    Random,

    /// <summary>
    /// Stratified by total calls (FaasCache's "representative" samples): eligible functions are
    /// sorted by calls and cut into four equal quartiles; N/4 are drawn at random from each
    /// (the remainder from the busiest quartiles first).
    /// </summary>
    Quartiles,

    /// <summary>The N functions with the most calls (ties by file order).</summary>
    Top,
}
