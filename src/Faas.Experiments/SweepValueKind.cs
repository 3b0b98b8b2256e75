namespace Faas.Experiments;

/// <summary>What the values of a sweep axis are, which fixes their numeric form in CSVs.</summary>
public enum SweepValueKind
{
    /// <summary>Plain numbers (counts, ratios): written as they are.</summary>
    Number,

    /// <summary>Durations (<c>15m</c>, <c>900ms</c>): written in seconds, column suffix <c>_s</c>.</summary>
    Duration,

    /// <summary>Memory sizes (<c>8GiB</c>): written in GB of 2^30 bytes (as idle_mem_gb_s), column suffix <c>_gb</c>.</summary>
    Memory,
}
