using Faas.Platform;

namespace Faas.Results;

/// <summary>The start-type names of <c>invocations.csv</c>, of the other result files, the metrics and the charts, spelled once.</summary>
public static class StartTypes
{
    /// <summary>A container was created and started for the call, then its code loaded.</summary>
    public const string Cold = "cold";

    /// <summary>A pooled generic container of the runtime took the call; code was injected.</summary>
    public const string Prewarm = "prewarm";

    /// <summary>A container already holding the function's code ran it again.</summary>
    public const string Warm = "warm";

    /// <summary>Pseudo start type for a curve over all completed calls, whatever their start.</summary>
    public const string All = "all";

    /// <summary>The label of a call that never got a container (a dropped call) where a start type must be given (metrics).</summary>
    public const string None = "none";

    /// <summary>The three real start types, in the order charts stack and list them.</summary>
    public static IReadOnlyList<string> Ordered { get; } = [Cold, Prewarm, Warm];

    /// <summary>The name of <paramref name="type"/>.</summary>
    public static string Of(StartType type) => type switch
    {
        StartType.Cold => Cold,
        StartType.Prewarm => Prewarm,
        _ => Warm,
    };
}
