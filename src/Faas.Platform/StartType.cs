namespace Faas.Platform;

/// <summary>How a call got its container (see shared/seed/README.md for the terms).</summary>
public enum StartType : byte
{
    /// <summary>No usable container existed: one was created and started for this call, then its code loaded.</summary>
    Cold,

    /// <summary>A running generic container of the function's runtime was taken from the pool and the code injected.</summary>
    Prewarm,

    /// <summary>A container already holding this function's code ran it again.</summary>
    Warm,
}
