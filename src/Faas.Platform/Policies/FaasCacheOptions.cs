namespace Faas.Platform.Policies;

/// <summary>Options of <see cref="FaasCachePolicy"/>.</summary>
/// <param name="DropWhenFull">A call that finds no warm container and no room even after evicting every idle one is dropped (as in FaasCache's simulator) instead of queued.</param>
public sealed record FaasCacheOptions(bool DropWhenFull)
{
    /// <summary>Queue when full, like every other model here, so that comparisons count the same calls; <c>when_full: drop</c> reproduces FaasCache's simulator.</summary>
    public static readonly FaasCacheOptions Default = new(false);
}
