namespace Faas.Platform.Policies;

/// <summary>What a prewarm pool is kept for.</summary>
public enum PoolScope : byte
{
    /// <summary>One pool per runtime, shared by all its functions (the seed design).</summary>
    Runtime,

    /// <summary>One pool per function, sized by that function's own call rate.</summary>
    Function,
}
