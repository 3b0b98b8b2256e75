namespace Faas.Workloads.Traces;

/// <summary>How an Azure Functions 2019 trace becomes a workload (YAML: <c>workload: {trace: azure2019, ...}</c>).</summary>
/// <param name="InvocationFiles">One <c>invocations_per_function_md.anon.dXX.csv</c> per day, in order; the functions are those of the first file (later days are matched by owner/app/function hashes; missing means no calls that day).</param>
/// <param name="DurationsFile"><c>function_durations_percentiles.anon.dXX.csv</c>: a function without a row here is not eligible.</param>
/// <param name="MemoryFile"><c>app_memory_percentiles.anon.dXX.csv</c> (12 columns, or 13 with invitro's HashFunction), or null: containers get the runtime's memory.</param>
/// <param name="Functions">How many functions to take; null takes every eligible one.</param>
/// <param name="FirstMinute">First minute replayed (1-based, counted across the days in order); it starts at time 0.</param>
/// <param name="LastMinute">Last minute replayed (inclusive); null for the end of the last file.</param>
/// <param name="ExecFromAverage">Execution time is the function's <c>Average</c> (constant) instead of drawn from its percentiles.</param>
/// <param name="ColdIsMaximum">FaasCache replay: a function's container start lasts <c>Maximum − Average</c>, so that a cold call takes the Maximum and a warm one the Average.</param>
public sealed record Azure2019Options(
    IReadOnlyList<string> InvocationFiles,
    string DurationsFile,
    string? MemoryFile,
    int? Functions = null,
    TraceSampling Sampling = TraceSampling.Random,
    ulong SampleSeed = 1,
    MinuteSpread Spread = MinuteSpread.Uniform,
    int FirstMinute = 1,
    int? LastMinute = null,
    bool ExecFromAverage = false,
    AppMemory AppMemory = AppMemory.Split,
    bool ColdIsMaximum = false);

/// <summary>How an application's memory (the 2019 trace measures memory per app) becomes a container's.</summary>
public enum AppMemory
{
    /// <summary>The app's <c>AverageAllocatedMb</c> divided by the number of its functions in the invocation file (FaasCache's choice): one container per function, the app's memory shared out.</summary>
    Split,

    /// <summary>The app's whole <c>AverageAllocatedMb</c> for each of its functions' containers.</summary>
    Whole,

    /// <summary>Ignore the memory file: the runtime's memory.</summary>
    Runtime,
}
