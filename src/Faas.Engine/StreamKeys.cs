namespace Faas.Engine;

/// <summary>
/// The names of the random streams of a replication (<see cref="SeedSequence.Stream"/>), spelled
/// once. The simulator and the real replay must draw the same numbers for the same call, so both
/// take their keys from here: a key spelled twice could drift and silently change which calls a
/// "paired" comparison pairs. Changing any key changes every result that draws from it.
/// </summary>
public static class StreamKeys
{
    /// <summary>Arrival times of function <paramref name="function"/> (its arrival process).</summary>
    public static string Arrivals(string function) => "arrivals/" + function;

    /// <summary>Execution times of function <paramref name="function"/>, one draw per arrival in arrival order.</summary>
    public static string Exec(string function) => "exec/" + function;

    /// <summary>Code-injection times of function <paramref name="function"/>, one draw per arrival.</summary>
    public static string Init(string function) => "init/" + function;

    /// <summary>Platform dispatch overheads of function <paramref name="function"/> (warm and prewarm), drawn at arrival.</summary>
    public static string Dispatch(string function) => "dispatch/" + function;

    /// <summary>Container start times of runtime <paramref name="runtime"/>, one draw per start issued.</summary>
    public static string ColdStart(string runtime) => "cold_start/" + runtime;

    /// <summary>Which functions a trace workload samples (drawn from the sample seed, not the replication's).</summary>
    public const string TraceSample = "trace/sample";

    /// <summary>Where in each minute the Azure 2019 trace's calls fall.</summary>
    public const string Azure2019Spread = "trace/azure2019/spread";

    /// <summary>The per-minute call counts of the synthetic trace.</summary>
    public const string SyntheticCounts = "trace/synthetic/counts";

    /// <summary>Where in each minute the synthetic trace's calls fall.</summary>
    public const string SyntheticSpread = "trace/synthetic/spread";

    /// <summary>The synthetic trace's function population (drawn from the population seed).</summary>
    public const string SyntheticPopulation = "trace/synthetic/population";
}
